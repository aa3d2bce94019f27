//! `astreinte send-test-email ADDRESS`: put a test message in the outbox and
//! drain it once, to check the mail set-up (SMTP_URL, MAIL_FROM).

use anyhow::Context;

use crate::cli::CliError;
use crate::config::{Config, ServerArgs};
use crate::db::{self, outbox};
use crate::mail::Mailer;
use crate::outbox_worker;

#[derive(Debug, clap::Args)]
pub struct SendTestEmailArgs {
    /// Recipient of the test message.
    #[arg(value_name = "ADDRESS")]
    pub address: String,
    #[command(flatten)]
    pub server: ServerArgs,
}

/// The address, or exit code 2 with a message naming the argument.
pub fn parse_address(raw: &str) -> Result<lettre::Address, CliError> {
    raw.trim().parse::<lettre::Address>().map_err(|_| {
        CliError::BadInput(
            "ADDRESS : adresse e-mail invalide (attendu : nom@domaine) / \
             ADDRESS: not a valid email address (expected name@domain)"
                .to_string(),
        )
    })
}

pub fn run(args: SendTestEmailArgs) -> Result<(), CliError> {
    let address = parse_address(&args.address)?;
    let config =
        Config::from_args(&args.server).map_err(|e| CliError::BadInput(format!("{e:#}")))?;
    let pool = db::pool(&config.database_url, 2)?;
    let mailer = Mailer::from_config(
        config.smtp_url.as_deref(),
        &config.mail_from,
        &config.data_dir,
    )
    .map_err(|e| CliError::BadInput(format!("{e:#}")))?;
    let now = db::now_utc();
    let message = outbox::NewMessage {
        dedup_key: format!("test:{}", uuid::Uuid::new_v4().simple()),
        recipient: address.to_string(),
        kind: "test".to_string(),
        subject: "Astreinte : message de test / test message".to_string(),
        body_text: "Bonjour,\n\nce message de test prouve que l'envoi de courriel \
                    d'Astreinte fonctionne.\n\nHello,\n\nthis test message shows that \
                    Astreinte can send email.\n"
            .to_string(),
        body_html: None,
        send_after: now,
    };
    {
        let mut conn = pool.get().context("no database connection")?;
        outbox::enqueue(&mut conn, &message).context("cannot enqueue the test message")?;
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let stats = runtime.block_on(outbox_worker::drain_once(&pool, &mailer, now))?;
    let row = {
        let mut conn = pool.get().context("no database connection")?;
        outbox::find_by_key(&mut conn, &message.dedup_key)
            .context("cannot read the outbox")?
            .context("test message missing from the outbox")?
    };
    match row.status.as_str() {
        outbox::SENT => {
            println!("Message de test envoyé / test message sent");
            Ok(())
        }
        outbox::PENDING => Err(CliError::Internal(anyhow::anyhow!(
            "échec temporaire, nouvel essai par le serveur / temporary failure, \
             the server will retry: {}",
            row.last_error.unwrap_or_default()
        ))),
        _ => Err(CliError::Internal(anyhow::anyhow!(
            "envoi refusé / sending refused ({} claimed): {}",
            stats.claimed,
            row.last_error.unwrap_or_default()
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_invalid_address_is_bad_input_naming_the_argument() {
        let err = parse_address("pas-une-adresse").unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("ADDRESS"));
        assert!(parse_address("benevole@example.org").is_ok());
    }
}
