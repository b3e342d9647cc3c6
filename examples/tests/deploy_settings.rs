//! Every example function has its `cargo lambda deploy` settings in `Cargo.toml`
//! (`[package.metadata.lambda.bin.<name>.deploy]`: memory, the service's 20 s timeout, and
//! the environment its `from_env` reads).

#[test]
fn every_function_has_deploy_settings() {
    let manifest = include_str!("../Cargo.toml");
    let bins: Vec<&str> = manifest
        .split("[[bin]]")
        .skip(1)
        .filter_map(|section| section.lines().find_map(|l| l.strip_prefix("name = ")))
        .map(|name| name.trim_matches('"'))
        .collect();
    assert!(bins.len() >= 9, "{bins:?}");
    for bin in bins {
        let header = format!("[package.metadata.lambda.bin.{bin}.deploy]");
        let section =
            manifest.split(&header).nth(1).unwrap_or_else(|| panic!("{bin}: no {header}"));
        let section = section.split("\n[").next().unwrap_or_default();
        assert!(section.contains("timeout = 20"), "{bin}: the service waits 20 s");
        assert!(section.contains("memory = "), "{bin}: memory");
    }
}
