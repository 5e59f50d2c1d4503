//! The address a request came from, for rate limits, lockouts and the audit log. Behind a reverse
//! proxy the peer is the proxy, and the client is read from `X-Forwarded-For` — but only when the
//! peer is one of `TONGBAN_TRUSTED_PROXIES`, since anyone can write that header.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use ipnet::IpNet;

/// Where the request came from, as far as the trusted proxies tell.
#[derive(Clone, Copy, Debug)]
pub struct ClientAddr(pub IpAddr);

/// The client behind `peer`: walking `X-Forwarded-For` from the nearest hop outwards, the first
/// address that is not a trusted proxy. A hop that is not an address ends the walk.
pub fn resolve(peer: IpAddr, forwarded_for: &str, trusted: &[IpNet]) -> IpAddr {
    let is_trusted = |ip: &IpAddr| trusted.iter().any(|net| net.contains(ip));
    let mut client = peer;
    if !is_trusted(&peer) {
        return client;
    }
    for hop in forwarded_for.rsplit(',').map(str::trim).filter(|h| !h.is_empty()) {
        let Ok(ip) = hop.parse::<IpAddr>() else { break };
        client = ip;
        if !is_trusted(&ip) {
            break;
        }
    }
    client
}

/// Puts the request's [`ClientAddr`] in its extensions.
pub async fn resolve_client(State(trusted): State<Arc<Vec<IpNet>>>, mut request: Request, next: Next) -> Response {
    if let Some(ConnectInfo(peer)) = request.extensions().get::<ConnectInfo<SocketAddr>>().copied() {
        let forwarded: Vec<&str> = request.headers().get_all("x-forwarded-for").iter().filter_map(|v| v.to_str().ok()).collect();
        let client = resolve(peer.ip(), &forwarded.join(","), &trusted);
        request.extensions_mut().insert(ClientAddr(client));
    }
    next.run(request).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn the_header_counts_only_from_a_trusted_proxy() {
        let trusted: Vec<IpNet> = vec!["10.0.0.0/8".parse().unwrap(), "192.168.1.1/32".parse().unwrap()];
        assert_eq!(resolve(ip("203.0.113.5"), "198.51.100.7", &trusted), ip("203.0.113.5"), "a client cannot claim another address");
        assert_eq!(resolve(ip("10.1.2.3"), "198.51.100.7", &trusted), ip("198.51.100.7"));
        assert_eq!(
            resolve(ip("10.1.2.3"), "1.1.1.1, 198.51.100.7, 192.168.1.1", &trusted),
            ip("198.51.100.7"),
            "a forged first hop is ignored"
        );
        assert_eq!(resolve(ip("10.1.2.3"), "", &trusted), ip("10.1.2.3"));
        assert_eq!(resolve(ip("10.1.2.3"), "garbage, 10.9.9.9", &trusted), ip("10.9.9.9"));
        assert_eq!(resolve(ip("10.1.2.3"), "2001:db8::1", &trusted), ip("2001:db8::1"));
    }
}
