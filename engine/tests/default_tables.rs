//! The default tables are rendered directly for speed; they must equal what docker/cli's
//! default templates give through the general `--format` path.

use rmi_engine::scenarios;

fn same(engine: &mut rmi_engine::Engine, plain: &str, with_template: &str) {
    let direct = engine.run_line(plain);
    let templated = engine.run_line(with_template);
    assert_eq!(direct.text(), templated.text(), "`{plain}` differs from its template");
    assert!(direct.lines.len() > 1, "`{plain}` listed nothing, so compared nothing");
}

#[test]
fn default_tables_equal_their_templates() {
    let mut engine = scenarios::build("shared-layers", 7, 1_767_225_600_000_000_000).expect("scenario");
    engine.run_line("docker run --name done nginx:1.25 true");
    engine.run_line("docker pull alpine@sha256:3c333b2d3d046a2017b020555b779f0b7cb361ea6118c9c02f1ca659be00ff6c");
    same(
        &mut engine,
        "docker images -a",
        "docker images -a --format 'table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}'",
    );
    same(
        &mut engine,
        "docker images --digests --no-trunc",
        "docker images --no-trunc --digests --format 'table {{.Repository}}\\t{{.Tag}}\\t{{.Digest}}\\t{{.ID}}\\t{{if .CreatedSince }}{{.CreatedSince}}{{else}}N/A{{end}}\\t{{.Size}}'",
    );
    same(
        &mut engine,
        "docker ps -a -s",
        "docker ps -a --format 'table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}\\t{{.Size}}'",
    );
    same(
        &mut engine,
        "docker ps -a --no-trunc",
        "docker ps -a --no-trunc --format 'table {{.ID}}\\t{{.Image}}\\t{{.Command}}\\t{{.RunningFor}}\\t{{.Status}}\\t{{.Ports}}\\t{{.Names}}'",
    );
    same(
        &mut engine,
        "docker history nginx:1.25",
        "docker history nginx:1.25 --format 'table {{.ID}}\\t{{.CreatedSince}}\\t{{.CreatedBy}}\\t{{.Size}}\\t{{.Comment}}'",
    );
    same(
        &mut engine,
        "docker system df",
        "docker system df --format 'table {{.Type}}\\t{{.TotalCount}}\\t{{.Active}}\\t{{.Size}}\\t{{.Reclaimable}}'",
    );
    let quiet = engine.run_line("docker images -q");
    let templated = engine.run_line("docker images --format '{{.ID}}'");
    assert_eq!(quiet.text(), templated.text());
}
