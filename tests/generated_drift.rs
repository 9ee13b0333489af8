//! The checked-in `generated/` must be byte-identical to what the build
//! generates from `openapi/processes.yaml` (rust-analyzer's xtask style): a
//! spec edit without `cargo xtask regenerate` fails here.

#[test]
#[cfg(feature = "codegen")]
fn generated_dir_matches_the_build() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    let mut stale = Vec::new();
    for (name, built) in workiva_processes::__generated::FILES {
        let on_disk = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        if on_disk != *built {
            let line = on_disk
                .lines()
                .zip(built.lines())
                .position(|(a, b)| a != b)
                .map(|i| i + 1)
                .unwrap_or_else(|| on_disk.lines().count().min(built.lines().count()) + 1);
            stale.push(format!(
                "generated/{name} differs from the build (first at line {line})"
            ));
        }
    }
    assert!(
        stale.is_empty(),
        "{}\nrun `cargo xtask regenerate` and review the diff",
        stale.join("\n")
    );
}

#[test]
fn every_generated_file_says_how_it_is_made() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("generated");
    for entry in std::fs::read_dir(&dir).expect("generated/ exists") {
        let path = entry.expect("readable").path();
        let text = std::fs::read_to_string(&path).expect("readable");
        let first = text.lines().next().unwrap_or_default();
        assert!(
            first.starts_with(
                "// @generated from openapi/processes.yaml by `cargo xtask regenerate`"
            ),
            "{} starts with {first:?}",
            path.display()
        );
    }
}
