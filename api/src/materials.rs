//! Materials for an application: what the government already holds is picked from the e-licence
//! library (and used only once the applicant confirms); everything else is uploaded once and can
//! be reused in later applications. Materials the department fetches itself are never asked for.

use serde::{Deserialize, Serialize};

use crate::lang::Localized;

pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;

/// The header an upload names its file in (percent-encoded); the body is the file itself.
pub const UPLOAD_FILENAME_HEADER: &str = "x-filename";
pub const FILENAME_MAX_CHARS: usize = 120;

/// A licence in the e-licence library (电子证照库), with what a preview shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LicenceView {
    pub id: String,
    /// The material code it stands for, such as `id_card`.
    pub kind: String,
    pub title: Localized,
    pub number: String,
    pub holder_name: String,
    pub issuer: Localized,
    pub issued_on: String,
    pub valid_until: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FileView {
    pub id: String,
    pub filename: String,
    pub content_type: String,
    pub size: u64,
    pub uploaded_at: i64,
}

/// How a material was provided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "source", rename_all = "snake_case")]
pub enum Provided {
    Licence(LicenceView),
    File(FileView),
}

/// One material the application needs, with the ways it can be provided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialSlot {
    pub code: String,
    pub name: Localized,
    pub note: Option<Localized>,
    pub provided: Option<Provided>,
    /// Licences in the applicant's (or company's) name that can stand for it.
    pub licences: Vec<LicenceView>,
    /// Files given for the same material in earlier applications.
    pub earlier_files: Vec<FileView>,
    /// An officer asked for it again.
    pub needs_correction: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MaterialsView {
    pub slots: Vec<MaterialSlot>,
    /// Materials the department fetches itself through data sharing, named so the applicant
    /// knows they need not bring them.
    pub fetched_by_department: Vec<Localized>,
    /// Some materials could come from the applicant's e-licences, which are shown only once the
    /// account is real-name verified (level 2): the page invites them to verify.
    pub licences_after_verification: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UseLicenceRequest {
    pub licence_id: String,
    /// The applicant has seen the licence and agrees to its use for this application.
    pub confirmed: bool,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UseFileRequest {
    pub file_id: String,
}

/// The type a file really is, from its first bytes: PDF, JPEG or PNG, or nothing accepted.
pub fn sniff(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"%PDF-") {
        Some("application/pdf")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A]) {
        Some("image/png")
    } else {
        None
    }
}

/// The type a file name claims, from its extension.
pub fn claimed_type(filename: &str) -> Option<&'static str> {
    let extension = filename.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase())?;
    match extension.as_str() {
        "pdf" => Some("application/pdf"),
        "jpg" | "jpeg" => Some("image/jpeg"),
        "png" => Some("image/png"),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn types_come_from_the_content() {
        assert_eq!(sniff(b"%PDF-1.7\n..."), Some("application/pdf"));
        assert_eq!(sniff(&[0xFF, 0xD8, 0xFF, 0xE0]), Some("image/jpeg"));
        assert_eq!(sniff(&[0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0]), Some("image/png"));
        assert_eq!(sniff(b"MZ\x90\x00"), None, "a Windows program");
        assert_eq!(sniff(b""), None);
        assert_eq!(claimed_type("合同.PDF"), Some("application/pdf"));
        assert_eq!(claimed_type("setup.exe"), None);
        assert_eq!(claimed_type("no-extension"), None);
    }
}
