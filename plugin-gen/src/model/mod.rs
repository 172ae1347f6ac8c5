//! placeholder while the model is written
