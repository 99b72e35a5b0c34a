//! The file system as an attacker or a careless user leaves it (issue 9): concurrent builds into
//! one folder, top-level folders linked out of the dossier, special files in place of
//! `dossier.yaml`, output at `.`, `X/.`, inside an input folder or at a mount point, and a build
//! killed while it replaces a folder's entries. Each test drives the real binary, as a user would.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/small")
}

fn dossier_cmd() -> Command {
    Command::new(env!("CARGO_BIN_EXE_dossier"))
}

/// The small fixture, copied, with `fillers` extra actors so that a build writes a few hundred
/// files (and takes long enough for another build to run into it).
fn copy_fixture(fillers: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    common::copy_dir(&fixture(), tmp.path());
    for i in 0..fillers {
        std::fs::write(
            tmp.path().join(format!("content/actors/filler-{i}.yaml")),
            format!("name: \"Filler {i}\"\nkind: person\n"),
        )
        .unwrap();
    }
    tmp
}

/// Every file under `dir` with its bytes, by relative path.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// Names in `dir` that start with `prefix` (leftovers beside an output folder).
fn names_starting(dir: &Path, prefix: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix))
        .collect();
    names.sort();
    names
}

fn wait_all(children: Vec<Child>) -> Vec<Output> {
    children.into_iter().map(|c| c.wait_with_output().unwrap()).collect()
}

#[test]
fn concurrent_builds_into_one_folder_wait_for_each_other() {
    let dossier = copy_fixture(100);
    let reference_dir = tempfile::tempdir().unwrap();
    let reference = reference_dir.path().join("site");
    let single = dossier_cmd()
        .arg("build")
        .arg(dossier.path())
        .arg("-o")
        .arg(&reference)
        .output()
        .unwrap();
    assert_eq!(
        single.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&single.stderr)
    );
    let expected = snapshot(&reference);
    assert!(expected.len() > 100, "{}", expected.len());

    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("site");
    let (mut builds, mut waited) = (0, 0);
    for round in 0..10 {
        for at_once in [2, 5] {
            let children: Vec<Child> = (0..at_once)
                .map(|_| {
                    dossier_cmd()
                        .arg("build")
                        .arg(dossier.path())
                        .arg("-o")
                        .arg(&out)
                        .stdout(Stdio::piped())
                        .stderr(Stdio::piped())
                        .spawn()
                        .unwrap()
                })
                .collect();
            for output in wait_all(children) {
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert_eq!(
                    output.status.code(),
                    Some(0),
                    "round {round}, {at_once} at once: {stderr}"
                );
                builds += 1;
                if stderr.contains("waiting for another build of") {
                    waited += 1;
                }
            }
            let now = snapshot(&out);
            let missing: Vec<&String> = expected.keys().filter(|k| !now.contains_key(*k)).collect();
            assert!(
                missing.is_empty(),
                "round {round}, {at_once} at once: {} of {} files, missing {:?}",
                now.len(),
                expected.len(),
                missing.iter().take(10).collect::<Vec<_>>()
            );
            assert!(
                now == expected,
                "round {round}, {at_once} at once: the site differs from a single build"
            );
            assert_eq!(names_starting(work.path(), ".site."), Vec::<String>::new());
        }
    }
    // Visible with --nocapture: how often a build had to wait.
    eprintln!("{builds} builds, {waited} waited for another");
}

#[test]
fn a_build_waits_for_the_lock_holder_and_says_so() {
    let dossier = copy_fixture(0);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("site");
    // This test process holds the output's lock, as a running build would.
    let held = dossier::write::Output::open(&out, dossier.path(), &[]).unwrap();
    let mut child = dossier_cmd()
        .arg("build")
        .arg(dossier.path())
        .arg("-o")
        .arg(&out)
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let reader = std::thread::spawn(move || {
        use std::io::Read;
        let mut seen = Vec::new();
        let mut buf = [0u8; 256];
        loop {
            let n = stderr.read(&mut buf).unwrap();
            if n == 0 {
                return String::from_utf8_lossy(&seen).into_owned();
            }
            seen.extend_from_slice(&buf[..n]);
        }
    });
    // Until the lock is released the build neither finishes nor writes anything.
    std::thread::sleep(Duration::from_millis(1500));
    assert!(child.try_wait().unwrap().is_none(), "the build did not wait");
    assert!(!out.exists());
    drop(held);
    let status = child.wait().unwrap();
    let stderr = reader.join().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    let expected = format!(
        "waiting for another build of {}/ to finish (pid {})",
        out.display(),
        std::process::id()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(out.join("index.html").is_file());
    assert_eq!(names_starting(work.path(), ".site."), Vec::<String>::new());
}

#[test]
fn only_our_own_stale_staging_folders_are_removed() {
    let dossier = copy_fixture(0);
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("site");
    // A user's folders that merely look like ours: no marker inside.
    let notes = work.path().join(".site.staging-my-notes");
    std::fs::create_dir(&notes).unwrap();
    std::fs::write(notes.join("notes.txt"), "mine").unwrap();
    let numbered = work.path().join(".site.staging-4242");
    std::fs::create_dir(&numbered).unwrap();
    std::fs::write(numbered.join("draft.txt"), "mine too").unwrap();
    // What a killed build of ours leaves: a staging folder with the marker inside.
    let stale = work.path().join(".site.staging-99999");
    std::fs::create_dir(&stale).unwrap();
    std::fs::write(stale.join(".dossier-output"), "").unwrap();
    std::fs::write(stale.join("index.html"), "half").unwrap();
    for _ in 0..2 {
        let built = dossier_cmd()
            .arg("build")
            .arg(dossier.path())
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(
            built.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&built.stderr)
        );
    }
    assert!(!stale.exists());
    assert_eq!(std::fs::read_to_string(notes.join("notes.txt")).unwrap(), "mine");
    assert_eq!(std::fs::read_to_string(numbered.join("draft.txt")).unwrap(), "mine too");
    assert!(out.join("index.html").is_file());
}

/// Run `dossier ARGS` with its output in files, killed if it runs longer than `limit`: a guard
/// against hangs (the refusals tested here are immediate), not a measure of speed. The address
/// space is capped at 4 GiB, so that a build reading an endless file fails instead of taking
/// the machine's memory.
fn run_guarded(args: &[&std::ffi::OsStr], env: &[(&str, &str)], limit: Duration) -> (Output, Duration) {
    let logs = tempfile::tempdir().unwrap();
    let (out_path, err_path) = (logs.path().join("stdout"), logs.path().join("stderr"));
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg("ulimit -v 4194304 && exec \"$0\" \"$@\"")
        .arg(env!("CARGO_BIN_EXE_dossier"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let started = Instant::now();
    let mut child = cmd.spawn().unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!(
                "`dossier {:?}` still running after {limit:?}: it hangs. stderr so far: {}",
                args,
                std::fs::read_to_string(&err_path).unwrap_or_default()
            );
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let elapsed = started.elapsed();
    let output = Output {
        status,
        stdout: std::fs::read(&out_path).unwrap(),
        stderr: std::fs::read(&err_path).unwrap(),
    };
    (output, elapsed)
}

const HANG_GUARD: Duration = Duration::from_secs(5);

#[cfg(unix)]
#[test]
fn top_level_folders_linked_out_of_the_dossier_are_refused() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    let outside = outside.path().canonicalize().unwrap();
    // What the links point at: a folder with a file that must never be published, and for
    // `content`, a valid copy of the content (so that only the link can make the build fail).
    let elsewhere = outside.join("elsewhere");
    std::fs::create_dir_all(elsewhere.join("static")).unwrap();
    std::fs::create_dir_all(elsewhere.join("templates")).unwrap();
    std::fs::write(elsewhere.join("leak.css"), "SECRET-OUTSIDE-FILE").unwrap();
    std::fs::write(elsewhere.join("static/leak.css"), "SECRET-OUTSIDE-FILE").unwrap();
    let outside_content = outside.join("content");
    common::copy_dir(&fixture().join("content"), &outside_content);
    for root in [
        "content",
        "static",
        "templates",
        "themes",
        "themes/briefing",
        "themes/briefing/static",
        "themes/briefing/templates",
    ] {
        let dossier = copy_fixture(0);
        let link = dossier.path().join(root);
        if link.exists() {
            std::fs::remove_dir_all(&link).unwrap();
        }
        std::fs::create_dir_all(link.parent().unwrap()).unwrap();
        let target = if root == "content" {
            &outside_content
        } else {
            &elsewhere
        };
        symlink(target, &link).unwrap();
        for command in ["build", "check"] {
            let (output, _) = run_guarded(&[command.as_ref(), dossier.path().as_os_str()], &[], HANG_GUARD);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert_eq!(
                output.status.code(),
                Some(3),
                "{command} with {root} linked out: {stderr}"
            );
            let expected = format!(
                "{}: resolves to {}, outside the dossier folder",
                link.display(),
                target.display()
            );
            assert!(stderr.contains(&expected), "{command} with {root} linked out: {stderr}");
        }
        assert!(!dossier.path().join("public").exists(), "{root}");
    }

    // `static -> /proc/self` is refused at once; following it would never end.
    let dossier = copy_fixture(0);
    symlink("/proc/self", dossier.path().join("static")).unwrap();
    let (output, _) = run_guarded(&["build".as_ref(), dossier.path().as_os_str()], &[], HANG_GUARD);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(3), "{stderr}");
    assert!(stderr.contains("static: resolves to /proc/"), "{stderr}");
    assert!(!dossier.path().join("public").exists());

    // A top-level folder linked to a folder inside the dossier is read as before.
    let dossier = copy_fixture(0);
    std::fs::create_dir_all(dossier.path().join("assets")).unwrap();
    std::fs::write(dossier.path().join("assets/extra.css"), "p{}").unwrap();
    symlink(dossier.path().join("assets"), dossier.path().join("static")).unwrap();
    let (output, _) = run_guarded(&["build".as_ref(), dossier.path().as_os_str()], &[], HANG_GUARD);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dossier.path().join("public/extra.css")).unwrap(),
        "p{}"
    );
    assert!(!String::from_utf8_lossy(&output.stderr).contains("symlink-not-followed"));
}

#[cfg(target_os = "linux")]
#[test]
fn special_files_are_refused_at_once_and_never_printed() {
    use std::os::unix::fs::symlink;
    const TOKEN: &str = "ghp_FAKE0TOKEN0FOR0THE0ENVIRON0TEST";
    fn mkfifo(path: &Path) {
        let status = Command::new("mkfifo").arg(path).status().unwrap();
        assert!(status.success());
    }
    // (what, how to put it in place of dossier.yaml, what the error says)
    type Make = fn(&Path);
    let cases: [(&str, Make, &str); 4] = [
        (
            "a link to /proc/self/environ",
            |p| symlink("/proc/self/environ", p).unwrap(),
            "dossier.yaml: a symbolic link to /proc/",
        ),
        (
            "a link to /dev/zero",
            |p| symlink("/dev/zero", p).unwrap(),
            "dossier.yaml: a symbolic link to /dev/zero, outside the dossier folder; not read",
        ),
        (
            "a named pipe",
            |p| mkfifo(p),
            "dossier.yaml: not a regular file (a named pipe); not read",
        ),
        (
            "a link to a named pipe inside the dossier",
            |p| {
                mkfifo(&p.with_file_name("pipe"));
                symlink(p.with_file_name("pipe"), p).unwrap();
            },
            "dossier.yaml: not a regular file (a named pipe); not read",
        ),
    ];
    for (what, make, expected) in cases {
        let dossier = copy_fixture(0);
        let config = dossier.path().join("dossier.yaml");
        std::fs::remove_file(&config).unwrap();
        make(&config);
        for command in ["check", "build"] {
            let (output, elapsed) = run_guarded(
                &[command.as_ref(), dossier.path().as_os_str()],
                &[("DOSSIER_TEST_FAKE_TOKEN", TOKEN)],
                HANG_GUARD,
            );
            let (stdout, stderr) = (
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr),
            );
            assert_eq!(output.status.code(), Some(1), "{command}, {what}: {stderr}");
            assert!(
                stderr.contains(&format!("error[unreadable]: {expected}")),
                "{command}, {what}: {stderr}"
            );
            assert!(
                !stdout.contains(TOKEN) && !stderr.contains(TOKEN),
                "{command}, {what}: the environment was printed"
            );
            eprintln!("{command}, dossier.yaml {what}: refused in {} ms", elapsed.as_millis());
        }
        assert!(!dossier.path().join("public").exists(), "{what}");
    }

    // A device node itself (not a link to one), where this user may make one.
    let dossier = copy_fixture(0);
    let config = dossier.path().join("dossier.yaml");
    std::fs::remove_file(&config).unwrap();
    let made = Command::new("mknod")
        .arg(&config)
        .args(["c", "1", "5"])
        .stderr(Stdio::null())
        .status();
    if made.is_ok_and(|s| s.success()) {
        let (output, _) = run_guarded(&["check".as_ref(), dossier.path().as_os_str()], &[], HANG_GUARD);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(
            stderr.contains("error[unreadable]: dossier.yaml: not a regular file (a character device); not read"),
            "{stderr}"
        );
    } else {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "special_files_are_refused_at_once_and_never_printed: mknod is not permitted here; the device-node case was not run"
        );
    }

    // Special files inside the content, template and static folders are named, not skipped.
    let dossier = copy_fixture(0);
    mkfifo(&dossier.path().join("content/actors/pipe.yaml"));
    std::fs::create_dir_all(dossier.path().join("static")).unwrap();
    mkfifo(&dossier.path().join("static/pipe.css"));
    std::fs::create_dir_all(dossier.path().join("templates")).unwrap();
    mkfifo(&dossier.path().join("templates/pipe.html"));
    let (output, _) = run_guarded(&["build".as_ref(), dossier.path().as_os_str()], &[], HANG_GUARD);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for path in ["content/actors/pipe.yaml", "static/pipe.css", "templates/pipe.html"] {
        assert!(
            stderr.contains(&format!(
                "error[unreadable]: {path}: not a regular file (a named pipe); not read"
            )),
            "{stderr}"
        );
    }
}

/// Build `dossier` into `out` with the binary, from `cwd`, and return its stderr; the exit code
/// must be `code`.
fn build_into(dossier: &Path, out: &str, cwd: &Path, code: i32) -> String {
    let output = dossier_cmd()
        .arg("build")
        .arg(dossier)
        .args(["-o", out])
        .current_dir(cwd)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(code),
        "build -o {out} in {}: {stderr}",
        cwd.display()
    );
    stderr
}

/// The site a plain build of `dossier` gives, for comparison.
fn reference_site(dossier: &Path) -> BTreeMap<String, Vec<u8>> {
    let tmp = tempfile::tempdir().unwrap();
    build_into(dossier, "site", tmp.path(), 0);
    snapshot(&tmp.path().join("site"))
}

/// Names dossier uses while it replaces a folder's entries one by one.
fn is_working_name(name: &str) -> bool {
    name.starts_with(".dossier-staging-")
        || name.starts_with(".dossier-old-")
        || name.starts_with(".dossier-journal")
        || name == ".dossier-lock"
}

#[test]
fn output_at_dot_style_paths_is_written_in_place() {
    let dossier = copy_fixture(0);
    let expected = reference_site(dossier.path());
    let work = tempfile::tempdir().unwrap();
    // `-o .` from inside the (empty, then ours) output folder: the folder stays the same folder,
    // so the shell that ran the build is still in it afterwards.
    let here = work.path().join("here");
    std::fs::create_dir(&here).unwrap();
    #[cfg(unix)]
    let inode = || std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(&here).unwrap());
    #[cfg(unix)]
    let before = inode();
    for _ in 0..2 {
        build_into(dossier.path(), ".", &here, 0);
        assert!(snapshot(&here) == expected, "-o . differs from a plain build");
    }
    #[cfg(unix)]
    assert_eq!(inode(), before, "-o . replaced the folder instead of its entries");
    // `X/.` and `X/sub/..` name the folder X.
    for (out, folder) in [
        ("dotted/.", "dotted"),
        ("dotted/actors/..", "dotted"),
        ("new/sub/../site", "new/site"),
    ] {
        build_into(dossier.path(), out, work.path(), 0);
        assert!(
            snapshot(&work.path().join(folder)) == expected,
            "-o {out} differs from a plain build"
        );
    }
    // Nothing is left beside or inside any of them.
    let mut names = names_starting(work.path(), ".");
    names.extend(names_starting(&work.path().join("new"), "."));
    for folder in ["here", "dotted", "new/site"] {
        names.extend(
            names_starting(&work.path().join(folder), ".dossier")
                .into_iter()
                .filter(|n| n != ".dossier-output"),
        );
    }
    assert_eq!(names, Vec::<String>::new());
}

#[test]
fn output_inside_an_input_folder_is_refused() {
    let dossier = copy_fixture(0);
    let root = dossier.path();
    for folder in ["static", "templates", "themes/mine/static", "assets"] {
        std::fs::create_dir_all(root.join(folder)).unwrap();
    }
    // `static` may be a link to a folder inside the dossier; the output must not be in it either.
    std::fs::remove_dir(root.join("static")).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(root.join("assets"), root.join("static")).unwrap();
    let before = snapshot(root);
    for (out, folder) in [
        ("content/site", "content/"),
        ("content", "content/"),
        ("assets/site", "static/"),
        ("templates/out", "templates/"),
        ("themes/site", "themes/"),
        ("themes/mine/static/x", "themes/mine/static/"),
    ] {
        let stderr = build_into(root, out, root, 3);
        assert!(
            stderr.contains(&format!("the output folder is inside {folder} of the dossier")),
            "-o {out}: {stderr}"
        );
        assert_eq!(snapshot(root), before, "-o {out} wrote into the dossier");
    }
    // Nor may the output hold the dossier itself (a site's folder is replaced as a whole).
    let parent = root.parent().unwrap();
    let stderr = build_into(root, root.to_str().unwrap(), parent, 3);
    assert!(
        stderr.contains("the output folder holds the dossier folder"),
        "{stderr}"
    );
    let stderr = build_into(root, "..", root, 3);
    assert!(
        stderr.contains("the output folder holds the dossier folder"),
        "{stderr}"
    );
    assert_eq!(snapshot(root), before);
}

/// Say something on the terminal even when the test passes (the harness captures `eprintln!`).
fn tell(text: &str) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// Run `script` with `sh` where it may mount file systems: directly as root (CI runs as root),
/// otherwise in a private user and mount namespace (`unshare -rm`). `Err` says why neither works.
/// The script exits 97 when its first `mount` fails.
#[cfg(target_os = "linux")]
fn run_with_mounts(script: &str, env: &[(&str, &Path)]) -> Result<Output, String> {
    let uid = Command::new("id")
        .arg("-u")
        .output()
        .map_err(|e| format!("cannot run `id -u`: {e}"))?;
    let root = String::from_utf8_lossy(&uid.stdout).trim() == "0";
    let mut reasons = vec![if root { "root" } else { "not root" }.to_string()];
    let mut attempts: Vec<Vec<&str>> = Vec::new();
    if root {
        attempts.push(vec!["sh"]);
    }
    match Command::new("unshare").args(["-rm", "true"]).output() {
        Ok(probe) if probe.status.success() => attempts.push(vec!["unshare", "-rm", "sh"]),
        Ok(probe) => reasons.push(format!(
            "`unshare -rm` fails: {}",
            String::from_utf8_lossy(&probe.stderr).trim()
        )),
        Err(e) => reasons.push(format!("no `unshare`: {e}")),
    }
    for attempt in attempts {
        let mut cmd = Command::new(attempt[0]);
        cmd.args(&attempt[1..]).arg("-c").arg(script);
        for (k, v) in env {
            cmd.env(k, v);
        }
        match cmd.output() {
            Ok(output) if output.status.code() == Some(97) => reasons.push(format!(
                "`{}`: mount failed: {}",
                attempt.join(" "),
                String::from_utf8_lossy(&output.stderr).trim()
            )),
            Ok(output) => return Ok(output),
            Err(e) => reasons.push(format!("`{}`: {e}", attempt.join(" "))),
        }
    }
    Err(reasons.join("; "))
}

#[cfg(target_os = "linux")]
#[test]
fn output_at_a_mount_point_is_written_in_place() {
    let small = copy_fixture(0);
    let big = copy_fixture(300);
    let (small_site, big_site) = (reference_site(small.path()), reference_site(big.path()));
    let work = tempfile::tempdir().unwrap();
    let w = work.path();
    for d in ["vol", "tiny", "bound", "snap"] {
        std::fs::create_dir(w.join(d)).unwrap();
    }
    // vol: a tmpfs with a lost+found, as on a fresh volume; tiny: a tmpfs too small for the big
    // site (disk full half-way through); bound: a folder bind-mounted onto itself, so on the
    // same file system as its parent. Each is copied out after each build, for the checks below.
    let script = r#"
        set -u
        mount -t tmpfs -o size=16m tmpfs "$W/vol" || exit 97
        trap 'umount "$W/vol" "$W/tiny" "$W/bound" 2>/dev/null' EXIT
        mount -t tmpfs -o size=768k tmpfs "$W/tiny" || exit 98
        mount --bind "$W/bound" "$W/bound" || exit 98
        mkdir "$W/vol/lost+found"
        step() { # step NAME DOSSIER MOUNT: build, record the exit code and stderr, copy the result
            "$BIN" build "$2" -o "$W/$3" 2>"$W/snap/$1.stderr"
            echo "$1 $?"
            cp -a "$W/$3" "$W/snap/$1"
        }
        step vol-small "$SMALL" vol
        step vol-big "$BIG" vol
        step tiny-small "$SMALL" tiny
        step tiny-big "$BIG" tiny
        step bound-small "$SMALL" bound
        step bound-big "$BIG" bound
        ls -A "$W" | tr '\n' ' '
    "#;
    let bin = PathBuf::from(env!("CARGO_BIN_EXE_dossier"));
    let output = match run_with_mounts(
        script,
        &[("W", w), ("BIN", &bin), ("SMALL", small.path()), ("BIG", big.path())],
    ) {
        Ok(output) => output,
        Err(why) => {
            let message = format!("output_at_a_mount_point_is_written_in_place: NOT RUN, cannot mount here ({why})");
            tell(&message);
            assert!(std::env::var_os("CI").is_none(), "{message}");
            return;
        }
    };
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let snap = w.join("snap");
    let stderr_of = |step: &str| std::fs::read_to_string(snap.join(format!("{step}.stderr"))).unwrap();
    for (step, code) in [
        ("vol-small", 0),
        ("vol-big", 0),
        ("tiny-small", 0),
        ("tiny-big", 3),
        ("bound-small", 0),
        ("bound-big", 0),
    ] {
        assert!(
            stdout.contains(&format!("{step} {code}\n")),
            "{step}: {stdout}\n{}",
            stderr_of(step)
        );
    }
    let without_lost_found = |step: &str| {
        let mut files = snapshot(&snap.join(step));
        files.retain(|k, _| !k.starts_with("lost+found"));
        files
    };
    assert!(without_lost_found("vol-small") == small_site, "vol-small");
    assert!(without_lost_found("vol-big") == big_site, "vol-big");
    assert!(snap.join("vol-big/lost+found").is_dir(), "lost+found was removed");
    assert!(without_lost_found("bound-small") == small_site, "bound-small");
    assert!(without_lost_found("bound-big") == big_site, "bound-big");
    // Disk full while writing the big site: the small one is still there, whole, and the
    // staging folder is gone.
    assert!(
        stderr_of("tiny-big").contains("No space left on device"),
        "{}",
        stderr_of("tiny-big")
    );
    assert!(
        without_lost_found("tiny-big") == small_site,
        "tiny-big: the previous site was not kept"
    );
    // No working folder, journal or lock anywhere, and nothing beside the mount points.
    for step in [
        "vol-small",
        "vol-big",
        "tiny-small",
        "tiny-big",
        "bound-small",
        "bound-big",
    ] {
        let left: Vec<String> = names_starting(&snap.join(step), ".")
            .into_iter()
            .filter(|n| is_working_name(n))
            .collect();
        assert_eq!(left, Vec::<String>::new(), "{step}");
    }
    assert!(stdout.trim_end().ends_with("bound snap tiny vol"), "{stdout}");
}

#[cfg(unix)]
#[test]
fn a_build_killed_while_moving_entries_is_completed_by_the_next() {
    // Many entries at the top of the site, so that moving them one by one takes a while.
    let with_static = |fillers: usize, text: &str| {
        let dossier = copy_fixture(fillers);
        let folder = dossier.path().join("static");
        std::fs::create_dir(&folder).unwrap();
        for i in 0..1000 {
            std::fs::write(folder.join(format!("f{i:04}.txt")), format!("{text} {i}\n")).unwrap();
        }
        dossier
    };
    let (old, new) = (with_static(0, "old"), with_static(20, "new"));
    let invalid = with_static(0, "invalid");
    std::fs::write(
        invalid.path().join("content/actors/beta-state.yaml"),
        "kind: nonsense\n",
    )
    .unwrap();
    let (old_site, new_site) = (reference_site(old.path()), reference_site(new.path()));
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("site");
    std::fs::create_dir(&out).unwrap();
    let site_now = || {
        let mut files = snapshot(&out);
        files.retain(|k, _| !is_working_name(k.split('/').next().unwrap()));
        files
    };
    let mut caught = 0;
    let delays = [0u64, 0, 500, 3000];
    for delay_us in delays {
        // Start from the old site; `-o .` from inside the folder replaces its entries.
        build_into(old.path(), ".", &out, 0);
        assert!(site_now() == old_site);
        let mut child = dossier_cmd()
            .arg("build")
            .arg(new.path())
            .args(["-o", "."])
            .current_dir(&out)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let journal = out.join(".dossier-journal");
        let deadline = Instant::now() + Duration::from_secs(120);
        while !journal.exists() && Instant::now() < deadline && child.try_wait().unwrap().is_none() {
            std::hint::spin_loop();
        }
        std::thread::sleep(Duration::from_micros(delay_us));
        let _ = child.kill();
        let status = child.wait().unwrap();
        if status.success() {
            assert!(site_now() == new_site, "finished, but not with the new site");
            continue;
        }
        let mid_move = journal.exists();
        if mid_move {
            // Killed half-way: a mix of the two sites, announced by the journal.
            caught += 1;
            let text = std::fs::read_to_string(&journal).unwrap();
            assert!(
                text.contains("The next `dossier build` into this folder completes"),
                "{text}"
            );
        } else {
            let now = site_now();
            assert!(
                now == old_site || now == new_site,
                "after a kill {delay_us} µs in, neither site"
            );
        }
        // The next build, even of an invalid dossier that writes nothing, first completes the
        // interrupted one: the new site, whole, and no working entries left.
        let stderr = build_into(invalid.path(), ".", &out, 1);
        let now = site_now();
        if mid_move {
            assert!(
                stderr.contains("completed a build that was stopped while it replaced the site's entries"),
                "{stderr}"
            );
            assert!(now == new_site, "after recovery the site is not the new one: {stderr}");
        } else {
            assert!(now == old_site || now == new_site, "{stderr}");
        }
        let left: Vec<String> = names_starting(&out, ".")
            .into_iter()
            .filter(|n| is_working_name(n))
            .collect();
        assert_eq!(left, Vec::<String>::new());
    }
    assert!(caught >= 2, "only {caught} kills landed while entries were being moved");
    tell(&format!(
        "a_build_killed_while_moving_entries_is_completed_by_the_next: {caught} of {} kills landed mid-move",
        delays.len()
    ));
}
