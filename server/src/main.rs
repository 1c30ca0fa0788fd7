use leptos::config::get_configuration;
use server::config::Config;
use server::people::seed;
use tracing_subscriber::EnvFilter;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")),
        )
        .init();
    match run().await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!("{error:#}");
            eprintln!("fengqiao: {error:#}");
            std::process::ExitCode::FAILURE
        }
    }
}

async fn run() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => serve().await,
        ["rules", "check", path] => check_rules(path),
        ["cases", "verify"] => verify_cases().await,
        ["demo", "generate", "--cases", n] => generate(n, "2026").await,
        ["demo", "generate", "--cases", n, "--seed", seed] => generate(n, seed).await,
        ["demo", "bench"] => bench().await,
        ["db", "copy", "--from", url] => copy_database(url).await,
        _ => anyhow::bail!(
            "usage: server                    serve (configured by the environment, see .env.sample)\n       server rules check FILE   check a rule file without starting\n       server cases verify       check every case's timeline in DATABASE_URL\n       server demo generate --cases N [--seed S]\n                                 add N generated cases to the demo district in DATABASE_URL\n       server demo bench         time the county's dashboard, searches and report there\n       server db copy --from sqlite://FILE\n                                 copy a SQLite database into the empty PostgreSQL one at DATABASE_URL"
        ),
    }
}

/// `server rules check FILE`: reads and checks a rule file, and says what it holds.
fn check_rules(path: &str) -> anyhow::Result<()> {
    let rules = server::config::read_rule_file(std::path::Path::new(path))?;
    println!(
        "{path}: ok — {} ({}), {} rules, calendar for {:?}",
        rules.name,
        rules.version,
        rules.rules.len(),
        rules.calendar.years
    );
    let this_year = domain::clock::Day::of_unix_ms(server::db::now_ms());
    if !rules.calendar.covers(this_year) {
        println!(
            "warning: the calendar does not list this year's holidays; deadlines count weekends only"
        );
    }
    Ok(())
}

/// `server demo generate --cases N`: the demo district (seeded if the database is empty) with
/// N more cases over three years, for the benchmarks (docs/statistics.md).
async fn generate(cases: &str, seed: &str) -> anyhow::Result<()> {
    let cases: usize = cases
        .parse()
        .map_err(|_| anyhow::anyhow!("--cases needs a number of cases, not {cases:?}"))?;
    let seed: u64 = seed
        .parse()
        .map_err(|_| anyhow::anyhow!("--seed needs a number, not {seed:?}"))?;
    let config = Config::from_env()?;
    let rules = config.load_rules()?;
    let db = server::db::Db::connect(&config.database_url).await?;
    server::people::catalogue::ensure_defaults(&db).await?;
    server::people::seed::seed_demo_if_empty(&db).await?;
    // Cases recorded before this build's figures and search terms are brought up first.
    server::stats::store::bring_up_to_date(&db.pool).await?;
    server::cases::terms::bring_up_to_date(&db.pool).await?;
    let started = std::time::Instant::now();
    let written =
        server::demo::generate(&db, &rules.set, cases, seed, server::db::now_ms()).await?;
    let secs = started.elapsed().as_secs_f64();
    println!(
        "{written} cases generated in {secs:.1} s ({:.0} cases/s)",
        written as f64 / secs.max(0.001)
    );
    Ok(())
}

/// `server demo bench`: the medians of the office's queries on DATABASE_URL.
async fn bench() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = server::db::Db::connect(&config.database_url).await?;
    let cases: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM cases")
        .fetch_one(&db.pool)
        .await?;
    println!("{cases} cases in {:?}", db.backend);
    for m in server::demo::bench(&db, 7, server::db::now_ms()).await? {
        println!(
            "{:>10.1} ms  {} (median of {})",
            m.median_ms, m.name, m.runs
        );
    }
    Ok(())
}

/// `server db copy --from sqlite://FILE`: moves a deployment to PostgreSQL (docs/architecture.md).
async fn copy_database(from: &str) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let source = server::db::Db::connect(from).await?;
    let target = server::db::Db::connect(&config.database_url).await?;
    let started = std::time::Instant::now();
    let copied = server::db::copy::copy(&source, &target).await?;
    for (table, rows) in &copied {
        println!("{rows:>12}  {table}");
    }
    let rows: u64 = copied.iter().map(|(_, n)| n).sum();
    println!(
        "{rows} rows of {} tables copied in {:.1} s",
        copied.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

/// `server cases verify`: checks every case's timeline chain; fails naming the altered ones.
async fn verify_cases() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let db = server::db::Db::connect(&config.database_url).await?;
    let ids: Vec<String> = sqlx::query_scalar("SELECT id FROM cases ORDER BY created_at, id")
        .fetch_all(&db.pool)
        .await?;
    let mut broken = 0;
    for id in &ids {
        let report = server::cases::log::verify(&db.pool, id).await?;
        if let Some(link) = report.first_broken {
            broken += 1;
            println!("{id}: event {} {}", link.event_id, link.problem);
        }
    }
    println!(
        "{} cases checked, {broken} with an altered timeline",
        ids.len()
    );
    if broken > 0 {
        anyhow::bail!("{broken} case timelines do not verify");
    }
    Ok(())
}

async fn serve() -> anyhow::Result<()> {
    let config = Config::from_env()?;
    // With no Cargo.toml path, Leptos reads the LEPTOS_* variables cargo-leptos (or the
    // Makefile) sets.
    let leptos_options = get_configuration(None)?.leptos_options;
    let addr = leptos_options.site_addr;
    // Refuse a broken rule file before opening the port.
    config.load_rules()?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("枫桥 Fengqiao is serving on http://{addr}");
    if config.seed_demo {
        print_demo_logins();
    }
    server::serve(config, leptos_options, listener, shutdown_signal()).await
}

fn print_demo_logins() {
    println!("Demo logins (password for all: {}):", seed::DEMO_PASSWORD);
    for user in seed::USERS {
        if let Some(persona) = user.persona {
            println!(
                "  {:<10} {} — {}",
                user.username, user.display_name, persona
            );
        }
    }
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut sig) =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            sig.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
