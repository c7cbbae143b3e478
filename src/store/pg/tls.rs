//! TLS to the county server: rustls, checking the server's certificate against the county's
//! own certificate authority (`PGSSLROOTCERT`, as for PostgreSQL's own tools, or
//! `~/.postgresql/root.crt`) or else the system's authorities. A server on a Unix socket
//! is reached without TLS; over the network the URL's `sslmode` decides (`require` for the
//! desks: README, County server).
use rustls::pki_types::CertificateDer;
use rustls::pki_types::pem::PemObject;
use std::path::PathBuf;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// The file of certificate authorities named for PostgreSQL's clients, if any.
fn root_cert_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("PGSSLROOTCERT").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let home = std::env::var_os("HOME")?;
    let path = PathBuf::from(home).join(".postgresql/root.crt");
    path.is_file().then_some(path)
}

/// The connector for one connection; an error names the certificate file it could not
/// read.
pub fn connector() -> Result<MakeRustlsConnect, String> {
    // Made once a process: the authorities are read from disk (the system's bundle is a
    // few hundred certificates), and a desk connects again after every lost connection.
    static MADE: std::sync::OnceLock<Result<MakeRustlsConnect, String>> =
        std::sync::OnceLock::new();
    MADE.get_or_init(|| connector_trusting(root_cert_file()))
        .clone()
}

/// A connector that trusts the authorities in `root_file`, or the system's for `None`.
pub fn connector_trusting(root_file: Option<PathBuf>) -> Result<MakeRustlsConnect, String> {
    let mut roots = rustls::RootCertStore::empty();
    match root_file {
        Some(path) => {
            let certs = CertificateDer::pem_file_iter(&path)
                .and_then(|certs| certs.collect::<Result<Vec<_>, _>>())
                .map_err(|e| format!("certificate authority file {}: {e}", path.display()))?;
            if certs.is_empty() {
                return Err(format!(
                    "certificate authority file {}: no certificate in it",
                    path.display()
                ));
            }
            let (_, bad) = roots.add_parsable_certificates(certs);
            if bad > 0 && roots.is_empty() {
                return Err(format!(
                    "certificate authority file {}: no usable certificate in it",
                    path.display()
                ));
            }
        }
        None => {
            roots.add_parsable_certificates(rustls_native_certs::load_native_certs().certs);
        }
    }
    // ring rather than aws-lc-rs: nothing to build with cmake on a village PC. (Its
    // provider is marked deprecated for lacking post-quantum key exchange, which rustls
    // offers only with aws-lc-rs.)
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(MakeRustlsConnect::new(config))
}
