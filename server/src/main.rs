use leptos::config::get_configuration;
use server::{config::Config, seed};
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
    let config = Config::from_env()?;
    // With no Cargo.toml path, Leptos reads the LEPTOS_* variables cargo-leptos (or the
    // Makefile) sets.
    let leptos_options = get_configuration(None)?.leptos_options;
    let addr = leptos_options.site_addr;
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
