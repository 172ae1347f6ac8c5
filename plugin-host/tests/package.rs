//! Plugin packages built from a real fixture library: the round trip, and
//! each refusal of a bad package (tampered library, unsafe entry path,
//! another platform, no manifest, an oversize entry).

mod support;

use std::io::Read;
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::read::GzDecoder;
use flate2::write::GzEncoder;
use plugin_host::package::{Limits, MANIFEST_FILE, Package, PackageError, host_target};
use plugin_host::{Progress, Step, checksum_file};

#[derive(Default)]
struct Steps(Vec<Step>);

impl Progress for Steps {
    fn step(&mut self, step: Step, _total_bytes: Option<u64>) {
        if self.0.last() != Some(&step) {
            self.0.push(step);
        }
    }
}

/// A package of `fixture-versioned` 1.0.0 in a new directory.
fn packed(label: &str) -> (PathBuf, PathBuf, Package) {
    let library = support::fixture("versioned", &[]);
    let dir = support::empty_dir(label);
    let out = dir.join("versioned-1.0.0.tar.gz");
    let package = Package::build(&library, &["greeting".to_owned()], &out, &mut ()).unwrap();
    (dir, library, package)
}

/// The entries of a package: raw path and contents.
fn entries(package: &Path) -> Vec<(Vec<u8>, Vec<u8>)> {
    let file = std::fs::File::open(package).unwrap();
    let mut archive = tar::Archive::new(GzDecoder::new(file));
    archive
        .entries()
        .unwrap()
        .map(|entry| {
            let mut entry = entry.unwrap();
            let path = entry.path_bytes().into_owned();
            let mut data = Vec::new();
            entry.read_to_end(&mut data).unwrap();
            (path, data)
        })
        .collect()
}

/// Writes an archive of regular files with exactly the raw paths given,
/// which may be ones the tar crate itself refuses to write (`../x`).
fn write_archive(path: &Path, entries: &[(Vec<u8>, Vec<u8>)]) {
    let file = std::fs::File::create(path).unwrap();
    let mut builder = tar::Builder::new(GzEncoder::new(file, Compression::default()));
    for (name, data) in entries {
        let mut header = tar::Header::new_gnu();
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        header.set_entry_type(tar::EntryType::Regular);
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append(&header, data.as_slice()).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap();
}

fn manifest_of(entries: &mut [(Vec<u8>, Vec<u8>)]) -> &mut Vec<u8> {
    &mut entries
        .iter_mut()
        .find(|(name, _)| name == MANIFEST_FILE.as_bytes())
        .expect("a manifest")
        .1
}

#[test]
fn a_package_round_trip_keeps_the_library_and_what_it_says_about_itself() {
    let library = support::fixture("versioned", &[]);
    let dir = support::empty_dir("package-round-trip");
    let out = dir.join("versioned-1.0.0.tar.gz");
    let mut steps = Steps::default();
    let keywords = ["greeting".to_owned(), "Test".to_owned()];
    let built = Package::build(&library, &keywords, &out, &mut steps).unwrap();
    assert_eq!(steps.0, [Step::Inspecting, Step::Hashing, Step::Packing]);

    let manifest = built.manifest();
    assert_eq!(manifest.name, "versioned");
    assert_eq!(manifest.version.to_string(), "1.0.0");
    assert_eq!(manifest.description, "Says which version it is.");
    assert_eq!(manifest.license, "MIT");
    assert_eq!(manifest.keywords, keywords);
    assert_eq!(
        manifest.library,
        library.file_name().unwrap().to_str().unwrap()
    );
    assert_eq!(manifest.target, host_target());
    assert_eq!(manifest.sha256, checksum_file(&library).unwrap());
    assert_eq!(manifest.size, std::fs::metadata(&library).unwrap().len());
    assert_eq!(manifest.plugins.len(), 1);
    assert_eq!(manifest.plugins[0].name, "versioned");

    let opened = Package::open(&out).unwrap();
    assert_eq!(opened.manifest(), manifest);
    let names: Vec<Vec<u8>> = entries(&out).into_iter().map(|(name, _)| name).collect();
    assert_eq!(
        names,
        [
            MANIFEST_FILE.as_bytes().to_vec(),
            manifest.library.as_bytes().to_vec()
        ]
    );

    let target = dir.join(format!("extracted.{}", std::env::consts::DLL_EXTENSION));
    assert_eq!(opened.extract_library(&target, &mut ()).unwrap(), target);
    assert_eq!(checksum_file(&target).unwrap(), manifest.sha256);
    let mut host = support::host();
    assert_eq!(host.load_library(&target).unwrap(), ["versioned"]);

    assert!(matches!(
        opened.extract_library(&target, &mut ()),
        Err(PackageError::LibraryExists { .. })
    ));
    assert!(matches!(
        Package::build(&library, &keywords, &out, &mut ()),
        Err(PackageError::OutputExists { .. })
    ));
    let again = dir.join("again.tar.gz");
    Package::build(&library, &keywords, &again, &mut ()).unwrap();
    assert_eq!(
        std::fs::read(&again).unwrap(),
        std::fs::read(&out).unwrap(),
        "the same library and keywords give the same bytes"
    );
}

#[test]
fn a_tampered_library_is_a_checksum_error() {
    let (dir, _, package) = packed("package-tampered");
    let mut entries = entries(package.path());
    let library = &mut entries
        .iter_mut()
        .find(|(name, _)| name != MANIFEST_FILE.as_bytes())
        .unwrap()
        .1;
    let middle = library.len() / 2;
    library[middle] ^= 0xff;
    let tampered = dir.join("tampered.tar.gz");
    write_archive(&tampered, &entries);

    let error = Package::open(&tampered).unwrap_err();
    assert!(
        matches!(error, PackageError::ChecksumMismatch { .. }),
        "{error:?}"
    );
    let text = error.to_string();
    assert!(
        text.contains("the package was damaged or tampered with, so do not install it"),
        "{text}"
    );
}

#[test]
fn an_entry_leading_out_of_the_directory_refuses_the_package() {
    let (dir, _, package) = packed("package-traversal");
    for bad in [&b"../evil.so"[..], b"/etc/evil.so", b"sub/../../evil.so"] {
        let mut entries = entries(package.path());
        entries.push((bad.to_vec(), b"boom".to_vec()));
        let archive = dir.join("traversal.tar.gz");
        write_archive(&archive, &entries);
        let error = Package::open(&archive).unwrap_err();
        let PackageError::UnsafePath { entry, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(entry.as_bytes(), bad);
        assert!(
            error
                .to_string()
                .contains("the package is refused as a whole"),
            "{error}"
        );
    }
}

#[test]
fn a_package_for_another_platform_is_refused_before_extracting() {
    let (dir, _, package) = packed("package-platform");
    let mut entries = entries(package.path());
    let manifest = manifest_of(&mut entries);
    let text = String::from_utf8(manifest.clone()).unwrap();
    let other = "riscv64gc-unknown-none-elf";
    *manifest = text
        .replace(&format!("\"{}\"", host_target()), &format!("\"{other}\""))
        .into_bytes();
    let foreign = dir.join("foreign.tar.gz");
    write_archive(&foreign, &entries);

    let opened = Package::open(&foreign).expect("a package for elsewhere is still a package");
    let target = dir.join("never.so");
    let error = opened.extract_library(&target, &mut ()).unwrap_err();
    assert_eq!(
        error.to_string(),
        format!(
            "package 'versioned' 1.0.0 is built for {other} but this host runs on {host}; get the package built for {host}, or build the plugin on this machine",
            host = host_target()
        )
    );
    assert!(!target.exists());
}

#[test]
fn a_package_without_a_manifest_is_refused() {
    let (dir, _, package) = packed("package-no-manifest");
    let entries: Vec<_> = entries(package.path())
        .into_iter()
        .filter(|(name, _)| name != MANIFEST_FILE.as_bytes())
        .collect();
    let bare = dir.join("bare.tar.gz");
    write_archive(&bare, &entries);
    let error = Package::open(&bare).unwrap_err();
    assert!(
        matches!(error, PackageError::MissingManifest { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("`plugctl package`"), "{error}");
}

#[test]
fn a_bad_manifest_or_a_stray_entry_or_a_non_archive_is_refused() {
    let (dir, _, package) = packed("package-bad-manifest");
    let mut entries = entries(package.path());
    *manifest_of(&mut entries) = b"format = 1\nname = \"Not A Name\"\n".to_vec();
    let bad = dir.join("bad.tar.gz");
    write_archive(&bad, &entries);
    assert!(matches!(
        Package::open(&bad),
        Err(PackageError::BadManifest { .. })
    ));

    let mut entries = self::entries(package.path());
    *manifest_of(&mut entries) = b"format = 7\n".to_vec();
    write_archive(&bad, &entries);
    assert!(matches!(
        Package::open(&bad),
        Err(PackageError::UnsupportedFormat { found: 7, .. })
    ));

    let mut entries = self::entries(package.path());
    entries.push((b"README".to_vec(), b"hello".to_vec()));
    write_archive(&bad, &entries);
    assert!(matches!(
        Package::open(&bad),
        Err(PackageError::UnexpectedEntry { .. })
    ));

    std::fs::write(&bad, b"not gzip at all").unwrap();
    assert!(matches!(
        Package::open(&bad),
        Err(PackageError::Corrupt { .. })
    ));
}

#[test]
fn an_oversize_library_is_refused_without_reading_it() {
    let (_, _, package) = packed("package-oversize");
    let limits = Limits::default().max_library_bytes(1024);
    let error = Package::open_with(package.path(), &limits, &mut ()).unwrap_err();
    let PackageError::Oversize { size, limit, .. } = error else {
        panic!("{error:?}");
    };
    assert_eq!(limit, 1024);
    assert_eq!(size, package.manifest().size);
}

#[test]
fn a_library_whose_plugins_have_different_versions_is_not_packed() {
    let library = support::fixture("pair", &[]);
    let dir = support::empty_dir("package-mixed");
    let out = dir.join("pair.tar.gz");
    let error = Package::build(&library, &[], &out, &mut ()).unwrap_err();
    assert!(
        matches!(error, PackageError::MixedVersions { .. }),
        "{error:?}"
    );
    assert!(error.to_string().contains("alpha 0.3.1"), "{error}");
    assert!(!out.exists());
    assert!(matches!(
        Package::build(&library, &["two words".to_owned()], &out, &mut ()),
        Err(PackageError::BadKeyword { .. })
    ));
}
