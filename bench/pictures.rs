//! How long the pictures take to lay out and draw, and how big they are, on a dossier: the
//! network (its layout included, with the rest of its page), the timeline, and the activity
//! strip of the actor with the most excerpts (with the rest of the actor's page), each made the
//! way a build makes it, with nothing else of the build around it. Run by bench/scale.sh:
//!
//!     cargo run --release --example pictures -- DOSSIER_FOLDER
//!
//! Prints one line per picture: its median time over 3 runs and its size in bytes.

use std::path::PathBuf;
use std::time::Instant;

use dossier::render::pages;
use dossier::render::site::{Shared, Site};

fn main() {
    let dir = PathBuf::from(std::env::args().nth(1).expect("usage: pictures DOSSIER_FOLDER"));
    let (checked, diags) = dossier::check_dossier(&dir).expect("the dossier loads");
    let checked = checked.unwrap_or_else(|| panic!("{}", diags.render(false)));
    let (model, index) = (&checked.model, &checked.index);
    let shared = Shared::new(model);
    let site = Site {
        model,
        index,
        shared: &shared,
    };
    println!(
        "{} articles, {} actors, {} incidents",
        model.articles.len(),
        model.actors.len(),
        model.incidents.len()
    );
    let time = |name: &str, make: &dyn Fn() -> usize| {
        let mut runs: Vec<(f64, usize)> = (0..3)
            .map(|_| {
                let start = Instant::now();
                let size = make();
                (start.elapsed().as_secs_f64(), size)
            })
            .collect();
        runs.sort_by(|a, b| a.0.total_cmp(&b.0));
        println!("{name}: {:.3} s, {} bytes", runs[1].0, runs[1].1);
    };
    // The network page's context holds the picture; the page's lists are made too.
    time("network page (layout and lists)", &|| {
        let page = pages::graph::graph(&site).expect("the network page");
        page.context
            .get("network_svg")
            .and_then(|v| v.as_str().map(str::len))
            .unwrap_or(0)
    });
    time("timeline picture", &|| {
        pages::timeline::timeline_svg(&site, "../").len()
    });
    // The actor with the most excerpts: the page with the largest activity strip.
    let Some(busiest) = (0..model.actors.len()).max_by_key(|&a| index.actors[a].excerpts.len()) else {
        return;
    };
    time(
        &format!(
            "activity strip of the busiest actor ({} excerpts)",
            index.actors[busiest].excerpts.len()
        ),
        &|| {
            let page = pages::actor::actor(&site, busiest).make(0).expect("the actor page");
            page.context
                .get("activity_svg")
                .and_then(|v| v.as_str().map(str::len))
                .unwrap_or(0)
        },
    );
}
