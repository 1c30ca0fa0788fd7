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
        _ => anyhow::bail!(
            "usage: server                    serve (configured by the environment, see .env.sample)\n       server rules check FILE   check a rule file without starting\n       server cases verify       check every case's timeline in DATABASE_URL"
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
