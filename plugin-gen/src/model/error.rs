//! What can stop a spec from becoming a model.

use crate::openapi::Location;

/// Why a [`Spec`](crate::openapi::Spec) could not be modelled. Each names
/// the schema's location and says what to do.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ModelError {
    /// A combination of schema constructs the model cannot represent.
    #[error("{at}: {construct} is not supported; {hint}")]
    Unsupported {
        /// Where.
        at: Location,
        /// What.
        construct: String,
        /// What to do instead.
        hint: String,
    },
    /// Schemas nested deeper than the model follows.
    #[error(
        "{at}: schemas are nested more than {limit} levels deep; move inner schemas into components/schemas"
    )]
    TooDeep {
        /// Where.
        at: Location,
        /// The limit.
        limit: usize,
    },
}

impl ModelError {
    /// The location the error names.
    pub fn location(&self) -> &Location {
        match self {
            Self::Unsupported { at, .. } | Self::TooDeep { at, .. } => at,
        }
    }

    pub(crate) fn unsupported(
        at: &Location,
        construct: impl Into<String>,
        hint: impl Into<String>,
    ) -> Self {
        Self::Unsupported {
            at: at.clone(),
            construct: construct.into(),
            hint: hint.into(),
        }
    }
}
