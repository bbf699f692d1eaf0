//! A minimal static file server for a built web app (`dist/`), std only.
//!
//! It answers `GET` and `HEAD` for files under one root folder, maps `/` and
//! folders to their `index.html`, sends the right `Content-Type` (browsers
//! refuse to compile a `.wasm` file that is not served as `application/wasm`
//! with `WebAssembly.instantiateStreaming`), closes every connection after one
//! response, and never serves anything outside the root. It is meant for
//! `127.0.0.1` during development and tests, not for production.

use std::fs;
use std::io::{self, BufRead, BufReader, Write};
use std::net::{SocketAddr, TcpListener, TcpStream, ToSocketAddrs};
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// A server running on a background thread; it stops when dropped.
#[derive(Debug)]
pub struct StaticServer {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

impl StaticServer {
    /// Binds `addr` (use `"127.0.0.1:0"` for a free port) and serves `root`
    /// on a background thread.
    pub fn start(root: impl Into<PathBuf>, addr: impl ToSocketAddrs) -> io::Result<StaticServer> {
        let root = root.into();
        let listener = TcpListener::bind(addr)?;
        let addr = listener.local_addr()?;
        let stop = Arc::new(AtomicBool::new(false));
        let stop_flag = Arc::clone(&stop);
        let thread = thread::Builder::new()
            .name(format!("static-server-{}", addr.port()))
            .spawn(move || accept_loop(&listener, &root, &stop_flag))?;
        Ok(StaticServer { addr, stop, thread: Some(thread) })
    }

    /// The address the server listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The server's root URL, e.g. `http://127.0.0.1:8080/`.
    pub fn url(&self) -> String {
        format!("http://{}/", self.addr)
    }

    /// Blocks the calling thread for as long as the server runs (for
    /// `cargo xtask serve`, which runs until it is interrupted).
    pub fn wait(mut self) {
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // `accept` blocks: one connection wakes the loop so it sees the flag.
        let _ = TcpStream::connect_timeout(&self.addr, Duration::from_secs(1));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The `Content-Type` for a file name, by extension.
pub fn content_type(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|ext| ext.to_str()).unwrap_or("");
    match ext.to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Maps a request target (`/a/b.js?x=1`) to a file path under `root`, or
/// `None` when it would leave `root` (`..`, absolute or drive components) or
/// is not valid percent-encoded UTF-8.
pub fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    let mut res = root.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => res.push(part),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    if res.is_dir() {
        res.push("index.html");
    }
    Some(res)
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut idx = 0;
    while idx < bytes.len() {
        if bytes[idx] == b'%' {
            let hex = text.get(idx + 1..idx + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            idx += 3;
        } else {
            out.push(bytes[idx]);
            idx += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn accept_loop(listener: &TcpListener, root: &Path, stop: &AtomicBool) {
    for stream in listener.incoming() {
        if stop.load(Ordering::SeqCst) {
            return;
        }
        let Ok(stream) = stream else { continue };
        let root = root.to_path_buf();
        // One thread per connection: browsers open several at once, and a
        // slow or idle one must not hold up the others.
        let _ = thread::Builder::new().spawn(move || {
            let _ = handle(stream, &root);
        });
    }
}

fn handle(stream: TcpStream, root: &Path) -> io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request_line = String::new();
    reader.read_line(&mut request_line)?;
    // Read and ignore the headers, up to the blank line.
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line == "\r\n" || line == "\n" {
            break;
        }
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain",
            b"method not allowed\n",
        );
    }
    let head_only = method == "HEAD";
    let Some(path) = resolve(root, target) else {
        return respond(&mut stream, "400 Bad Request", "text/plain", b"bad request\n");
    };
    match fs::read(&path) {
        Ok(body) if head_only => {
            write_head(&mut stream, "200 OK", content_type(&path), body.len())?;
            stream.flush()
        }
        Ok(body) => respond(&mut stream, "200 OK", content_type(&path), &body),
        Err(_) => respond(&mut stream, "404 Not Found", "text/plain", b"not found\n"),
    }
}

fn respond(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    body: &[u8],
) -> io::Result<()> {
    write_head(stream, status, content_type, body.len())?;
    stream.write_all(body)?;
    stream.flush()
}

fn write_head(
    stream: &mut TcpStream,
    status: &str,
    content_type: &str,
    len: usize,
) -> io::Result<()> {
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {content_type}\r\nContent-Length: {len}\r\n\
         Cache-Control: no-cache\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn temp_root(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xinfang-static-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(dir.join("sub")).unwrap();
        fs::write(dir.join("index.html"), "<h1>hi</h1>").unwrap();
        fs::write(dir.join("app_bg.wasm"), [0u8, 97, 115, 109]).unwrap();
        fs::write(dir.join("sub").join("a b.css"), "body{}").unwrap();
        dir
    }

    fn get(server: &StaticServer, target: &str) -> String {
        let mut stream = TcpStream::connect(server.addr()).unwrap();
        write!(stream, "GET {target} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let mut res = String::new();
        stream.read_to_string(&mut res).unwrap();
        res
    }

    #[test]
    fn content_types_by_extension() {
        assert_eq!(content_type(Path::new("x_bg.wasm")), "application/wasm");
        assert_eq!(content_type(Path::new("x.js")), "text/javascript; charset=utf-8");
        assert_eq!(content_type(Path::new("index.HTML")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("style.css")), "text/css; charset=utf-8");
        assert_eq!(content_type(Path::new("noext")), "application/octet-stream");
    }

    #[test]
    fn resolve_stays_inside_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(resolve(root, "/a.js?v=1"), Some(root.join("a.js")));
        assert_eq!(resolve(root, "/sub/a%20b.css"), Some(root.join("sub").join("a b.css")));
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/sub/%2e%2e/%2e%2e/x"), None);
        assert_eq!(resolve(root, "/bad%zz"), None);
    }

    #[test]
    fn serves_files_with_types_and_404s() {
        let root = temp_root("serve");
        let server = StaticServer::start(&root, "127.0.0.1:0").unwrap();

        let index = get(&server, "/");
        assert!(index.starts_with("HTTP/1.1 200 OK\r\n"), "{index}");
        assert!(index.contains("Content-Type: text/html; charset=utf-8\r\n"));
        assert!(index.ends_with("<h1>hi</h1>"));

        let wasm = get(&server, "/app_bg.wasm");
        assert!(wasm.contains("Content-Type: application/wasm\r\n"), "{wasm}");
        assert!(wasm.contains("Content-Length: 4\r\n"));

        let mut stream = TcpStream::connect(server.addr()).unwrap();
        write!(stream, "HEAD /app_bg.wasm HTTP/1.1\r\n\r\n").unwrap();
        let mut head = String::new();
        stream.read_to_string(&mut head).unwrap();
        assert!(head.contains("Content-Length: 4\r\n") && head.ends_with("\r\n\r\n"), "{head}");

        assert!(get(&server, "/sub/a%20b.css").ends_with("body{}"));
        assert!(get(&server, "/missing.js").starts_with("HTTP/1.1 404 Not Found"));
        assert!(get(&server, "/../x").starts_with("HTTP/1.1 400 Bad Request"));

        drop(server);
        fs::remove_dir_all(root).unwrap();
    }
}
