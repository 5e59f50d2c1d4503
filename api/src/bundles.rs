//! The web app is three separate builds, so that a first visit downloads only what public pages
//! need. The server sends each request the page of a build that draws its address, and each build
//! hands an address it does not draw to the browser for a full load; both ask here.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bundle {
    /// What a visitor who has not signed in reads: home, search, guides, the decisions register.
    Public,
    /// Checking a shown e-licence, and the published 好差评 ratings, for anyone without an
    /// account: pages of their own, rarely a first visit, so the public pages carry none of their weight.
    Verify,
    /// Signing in and everything a signed-in person or company does, public pages included (with
    /// the account's header and the start button on guides).
    Citizen,
    /// The officers' console.
    Staff,
}

impl Bundle {
    pub const ALL: [Bundle; 4] = [Bundle::Public, Bundle::Verify, Bundle::Citizen, Bundle::Staff];

    /// Where `path` belongs. An address no build knows belongs to the signed-in build, which
    /// says it is not found, so no two builds hand an address back and forth.
    fn area(path: &str) -> Bundle {
        let first = path.trim_start_matches('/').split('/').next().unwrap_or("");
        match first {
            "" | "services" | "decisions" => Bundle::Public,
            "verify" | "ratings" => Bundle::Verify,
            "staff" => Bundle::Staff,
            _ => Bundle::Citizen,
        }
    }

    /// The build the server sends for `path`: the public and verify ones only to a browser
    /// without a session, which is everyone on a first visit.
    pub fn for_request(path: &str, has_session: bool) -> Bundle {
        match Bundle::area(path) {
            Bundle::Public | Bundle::Verify if has_session => Bundle::Citizen,
            area => area,
        }
    }

    /// Whether this build draws `path` (otherwise the browser loads the page again).
    pub fn draws(self, path: &str) -> bool {
        matches!(
            (self, Bundle::area(path)),
            (Bundle::Public, Bundle::Public)
                | (Bundle::Verify, Bundle::Verify)
                | (Bundle::Citizen, Bundle::Public | Bundle::Verify | Bundle::Citizen)
                | (Bundle::Staff, Bundle::Staff)
        )
    }

    /// The page of the build in `dist/`: the public one is `index.html`, the page a server
    /// without routing would send.
    pub fn page(self) -> &'static str {
        match self {
            Bundle::Public => "index.html",
            Bundle::Verify => "verify.html",
            Bundle::Citizen => "citizen.html",
            Bundle::Staff => "staff.html",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATHS: [&str; 12] = [
        "/",
        "/services",
        "/services/GA-001",
        "/decisions",
        "/verify",
        "/ratings",
        "/sign-in",
        "/applications/5/check",
        "/servicesx",
        "/no-such-page",
        "/staff",
        "/staff/applications/3",
    ];

    #[test]
    fn a_first_visit_gets_the_public_build_for_public_pages_only() {
        let sent: Vec<Bundle> = PATHS.iter().map(|p| Bundle::for_request(p, false)).collect();
        use Bundle::*;
        assert_eq!(sent, [Public, Public, Public, Public, Verify, Verify, Citizen, Citizen, Citizen, Citizen, Staff, Staff]);
        let signed_in: Vec<Bundle> = PATHS.iter().map(|p| Bundle::for_request(p, true)).collect();
        assert_eq!(signed_in, [Citizen, Citizen, Citizen, Citizen, Citizen, Citizen, Citizen, Citizen, Citizen, Citizen, Staff, Staff]);
    }

    /// Whatever a build hands to the browser, the server answers with a build that draws it,
    /// so a page is never loaded back and forth.
    #[test]
    fn the_build_sent_for_an_address_always_draws_it() {
        for path in PATHS {
            for has_session in [false, true] {
                assert!(Bundle::for_request(path, has_session).draws(path), "{path}");
            }
        }
    }
}
