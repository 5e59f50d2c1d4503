//! Electronic seals (电子印章, Art. 37): each department seals its licences and its fees' receipts
//! with its own SM2 key (GM/T 0003, SM3 digests), and the fiscal bureau co-seals receipts.
//! Development makes a key per department at its first start and keeps it in the database; production reads each department's secret from
//! `<TONGBAN_SEAL_KEYS_DIR>/<department>.key` (64 hex characters) and stores only the public half.
//! A key replaced by a new file is retired, not removed: it stays published, so that what it
//! sealed can still be checked.

use std::collections::HashMap;
use std::path::Path;

use axum::extract::State;
use axum::response::IntoResponse;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use sm2::dsa::signature::{Signer, Verifier};
use sm2::dsa::{Signature, SigningKey, VerifyingKey};
use sqlx::{AnyPool, Row};
use tongban_api::wallet::{PublishedKey, PublishedKeys, SEAL_DIST_ID};
use tongban_api::Localized;

use crate::clock::{Clock, SECOND};
use crate::secrets::{random_bytes, sha256_hex};
use crate::AppState;

/// The fiscal bureau, which supervises fiscal e-receipts and co-seals each one.
pub const FISCAL_SUPERVISOR: &str = "cz";

pub fn fiscal_supervisor() -> Localized {
    Localized::new("上海市财政局", "Shanghai Municipal Finance Bureau")
}

/// Where the published keys are, for anyone verifying a seal without asking us.
pub const KEYS_PATH: &str = "/.well-known/tongban/keys.json";

struct KnownKey {
    department: String,
    verifying: VerifyingKey,
    /// Unix seconds.
    valid_from: i64,
    valid_until: Option<i64>,
}

/// The departments' signing keys and every key ever published.
pub struct Seals {
    signing: HashMap<String, (String, SigningKey)>,
    known: HashMap<String, KnownKey>,
    published_json: String,
}

/// Why a seal does not check.
#[derive(Debug, PartialEq, Eq)]
pub enum SealProblem {
    UnknownKey,
    Forged,
}

/// A seal over some bytes: the key's id and the signature, base64url.
pub struct Sealed {
    pub key_id: String,
    pub signature: String,
}

fn key_id(department: &str, public_key: &[u8]) -> String {
    format!("{department}-{}", &sha256_hex(public_key)[..8])
}

fn signing_key(secret: &[u8]) -> Option<SigningKey> {
    SigningKey::from_slice(SEAL_DIST_ID, secret).ok()
}

/// A new secret that is a valid SM2 scalar.
fn generate() -> SigningKey {
    loop {
        if let Some(key) = signing_key(&random_bytes::<32>()) {
            return key;
        }
    }
}

impl Seals {
    /// Loads the keys, making (development) or reading (production) each sealing department's.
    pub async fn load(pool: &AnyPool, clock: &dyn Clock, keys_dir: Option<&Path>) -> Result<Seals, String> {
        let db = |e: sqlx::Error| format!("seal keys: {e}");
        // Every department seals (its licences, its fees' receipts), and the fiscal bureau co-seals receipts.
        let mut sealing: Vec<String> = sqlx::query(
            "SELECT code AS d FROM departments UNION SELECT seal_department AS d FROM service_licences \
             UNION SELECT seal_department AS d FROM e_licences ORDER BY d",
        )
        .fetch_all(pool)
        .await
        .map_err(db)?
        .iter()
        .map(|r| r.try_get("d"))
        .collect::<Result<_, _>>()
        .map_err(db)?;
        sealing.push(FISCAL_SUPERVISOR.to_string());
        let now = clock.now();
        let mut signing = HashMap::new();
        match keys_dir {
            Some(dir) => {
                // Secrets a development start kept are not trusted, nor kept, in production.
                sqlx::query("UPDATE seal_keys SET secret_key = NULL, retired_at = COALESCE(retired_at, $1) WHERE secret_key IS NOT NULL")
                    .bind(now)
                    .execute(pool)
                    .await
                    .map_err(db)?;
                for department in &sealing {
                    let path = dir.join(format!("{department}.key"));
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("the seal key of department {department}, {}: {e}", path.display()))?;
                    let key = hex::decode(text.trim())
                        .ok()
                        .and_then(|bytes| signing_key(&bytes))
                        .ok_or_else(|| format!("{}: not an SM2 secret key (64 hex characters)", path.display()))?;
                    let public = key.verifying_key().to_sec1_bytes();
                    let kid = key_id(department, &public);
                    let mut tx = pool.begin().await.map_err(db)?;
                    sqlx::query("UPDATE seal_keys SET retired_at = $1 WHERE department_code = $2 AND retired_at IS NULL AND key_id <> $3")
                        .bind(now)
                        .bind(department.as_str())
                        .bind(kid.as_str())
                        .execute(&mut *tx)
                        .await
                        .map_err(db)?;
                    sqlx::query(
                        "INSERT INTO seal_keys (key_id, department_code, public_key, secret_key, valid_from) VALUES ($1, $2, $3, NULL, $4) \
                         ON CONFLICT (key_id) DO NOTHING",
                    )
                    .bind(kid.as_str())
                    .bind(department.as_str())
                    .bind(hex::encode(&public))
                    .bind(now)
                    .execute(&mut *tx)
                    .await
                    .map_err(db)?;
                    tx.commit().await.map_err(db)?;
                    signing.insert(department.clone(), (kid, key));
                }
            }
            None => {
                for department in &sealing {
                    let kept = sqlx::query(
                        "SELECT key_id, secret_key FROM seal_keys WHERE department_code = $1 AND retired_at IS NULL AND secret_key IS NOT NULL",
                    )
                    .bind(department.as_str())
                    .fetch_optional(pool)
                    .await
                    .map_err(db)?;
                    let key = match kept {
                        Some(row) => {
                            let secret: String = row.try_get("secret_key").map_err(db)?;
                            let key = hex::decode(secret).ok().and_then(|b| signing_key(&b)).ok_or("seal_keys holds a damaged secret")?;
                            (row.try_get("key_id").map_err(db)?, key)
                        }
                        None => {
                            let key = generate();
                            let public = key.verifying_key().to_sec1_bytes();
                            let kid = key_id(department, &public);
                            sqlx::query(
                                "INSERT INTO seal_keys (key_id, department_code, public_key, secret_key, valid_from) VALUES ($1, $2, $3, $4, $5)",
                            )
                            .bind(kid.as_str())
                            .bind(department.as_str())
                            .bind(hex::encode(&public))
                            .bind(hex::encode(key.to_bytes()))
                            .bind(now)
                            .execute(pool)
                            .await
                            .map_err(db)?;
                            (kid, key)
                        }
                    };
                    signing.insert(department.clone(), key);
                }
            }
        }
        Self::with_published(pool, signing).await.map_err(db)
    }

    async fn with_published(pool: &AnyPool, signing: HashMap<String, (String, SigningKey)>) -> Result<Seals, sqlx::Error> {
        let rows = sqlx::query(
            "SELECT k.key_id, k.department_code, k.public_key, k.valid_from, k.retired_at, d.name_zh, d.name_en \
             FROM seal_keys k LEFT JOIN departments d ON d.code = k.department_code ORDER BY k.department_code, k.valid_from, k.key_id",
        )
        .fetch_all(pool)
        .await?;
        let mut known = HashMap::new();
        let mut published = Vec::new();
        for row in &rows {
            let kid: String = row.try_get("key_id")?;
            let department: String = row.try_get("department_code")?;
            let public_key: String = row.try_get("public_key")?;
            let valid_from = row.try_get::<i64, _>("valid_from")? / SECOND;
            let valid_until = row.try_get::<Option<i64>, _>("retired_at")?.map(|t| t / SECOND);
            let Some(verifying) = hex::decode(&public_key).ok().and_then(|b| VerifyingKey::from_sec1_bytes(SEAL_DIST_ID, &b).ok()) else {
                continue;
            };
            let name = match row.try_get::<Option<String>, _>("name_zh")? {
                Some(zh) => Localized::new(zh, row.try_get::<Option<String>, _>("name_en")?.unwrap_or_default()),
                None if department == FISCAL_SUPERVISOR => fiscal_supervisor(),
                None => Localized::default(),
            };
            published.push(PublishedKey {
                kid: kid.clone(),
                department: department.clone(),
                department_name: name,
                alg: "SM2-SM3".into(),
                dist_id: SEAL_DIST_ID.into(),
                public_key,
                valid_from,
                valid_until,
            });
            known.insert(kid, KnownKey { department, verifying, valid_from, valid_until });
        }
        let published_json = serde_json::to_string(&PublishedKeys { keys: published }).unwrap_or_default();
        Ok(Seals { signing, known, published_json })
    }

    /// The id of the key `department` seals with now.
    pub fn key_id(&self, department: &str) -> Option<&str> {
        self.signing.get(department).map(|(kid, _)| kid.as_str())
    }

    /// Seals `message` with `department`'s key.
    pub fn seal(&self, department: &str, message: &[u8]) -> Option<Sealed> {
        let (kid, key) = self.signing.get(department)?;
        let signature: Signature = key.sign(message);
        Some(Sealed { key_id: kid.clone(), signature: URL_SAFE_NO_PAD.encode(signature.to_bytes()) })
    }

    /// Checks a seal that `department` says it made with `key_id` at `at`, as of `now` (Unix
    /// seconds). A retired key checks only what it sealed before retiring, and only while codes it
    /// sealed can still be live (`lifetime`): a retired key that leaks cannot seal new codes.
    pub fn check(
        &self,
        key_id: &str,
        department: &str,
        at: i64,
        now: i64,
        lifetime: i64,
        message: &[u8],
        signature: &str,
    ) -> Result<(), SealProblem> {
        let key = self.known.get(key_id).filter(|k| k.department == department).ok_or(SealProblem::UnknownKey)?;
        let signature =
            URL_SAFE_NO_PAD.decode(signature).ok().and_then(|bytes| Signature::from_slice(&bytes).ok()).ok_or(SealProblem::Forged)?;
        key.verifying.verify(message, &signature).map_err(|_| SealProblem::Forged)?;
        // A retired key proves nothing made after it was retired.
        if at < key.valid_from || key.valid_until.is_some_and(|until| at >= until || now >= until + lifetime) {
            return Err(SealProblem::UnknownKey);
        }
        Ok(())
    }
}

/// Every seal key ever used, with its department and when it was in use.
#[utoipa::path(get, path = "/.well-known/tongban/keys.json", tag = "wallet", responses((status = 200, body = PublishedKeys)))]
pub async fn published_keys(State(state): State<AppState>) -> impl IntoResponse {
    ([("content-type", "application/json"), ("cache-control", "public, max-age=300")], state.seals.published_json.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_seal_checks_with_its_key_and_fails_when_a_byte_changes() {
        let key = generate();
        let public = key.verifying_key().to_sec1_bytes();
        let kid = key_id("ga", &public);
        let verifying = VerifyingKey::from_sec1_bytes(SEAL_DIST_ID, &public).unwrap();
        let seals = Seals {
            signing: HashMap::from([("ga".to_string(), (kid.clone(), key))]),
            known: HashMap::from([(kid.clone(), KnownKey { department: "ga".into(), verifying, valid_from: 100, valid_until: Some(200) })]),
            published_json: String::new(),
        };
        let sealed = seals.seal("ga", b"licence").unwrap();
        assert_eq!(sealed.key_id, kid);
        let check = |kid: &str, department: &str, at: i64, now: i64, message: &[u8]| {
            seals.check(kid, department, at, now, 30, message, &sealed.signature)
        };
        assert_eq!(check(&kid, "ga", 150, 160, b"licence"), Ok(()));
        assert_eq!(check(&kid, "ga", 150, 220, b"licence"), Ok(()), "sealed before it was retired, and possibly still live");
        assert_eq!(check(&kid, "ga", 150, 230, b"licence"), Err(SealProblem::UnknownKey), "nothing it sealed can be live any more");
        assert_eq!(check(&kid, "ga", 150, 160, b"licencf"), Err(SealProblem::Forged));
        assert_eq!(check(&kid, "mz", 150, 160, b"licence"), Err(SealProblem::UnknownKey));
        assert_eq!(check(&kid, "ga", 250, 160, b"licence"), Err(SealProblem::UnknownKey), "made after it was retired");
        assert_eq!(check("ga-00000000", "ga", 150, 160, b"licence"), Err(SealProblem::UnknownKey));
        assert!(seals.seal("mz", b"x").is_none());
    }
}
