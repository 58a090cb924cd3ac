//! Support for Keel's end-to-end tests: starts tauri-driver, launches the real `keel-app`
//! binary in a WebKit window, drives it over the W3C WebDriver protocol and saves screenshots
//! under `target/e2e/`.
//!
//! Needs a display (run under `xvfb-run`), `tauri-driver` on PATH and WebKitWebDriver
//! (`make test` provides all three and builds the app first). Every call has a timeout, so a
//! stuck window fails the test instead of hanging it.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use serde_json::{json, Value};

/// How long to wait for the app to show something before failing.
pub const UI_TIMEOUT: Duration = Duration::from_secs(60);

/// The W3C key of an element reference in WebDriver JSON.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// The Enter key as WebDriver text.
pub const ENTER: &str = "\u{E007}";
/// Other keys as WebDriver text.
pub const TAB: &str = "\u{E004}";
pub const HOME: &str = "\u{E011}";
pub const ARROW_RIGHT: &str = "\u{E014}";
pub const SPACE: &str = "\u{E00D}";

/// Workspace root, from this package's manifest directory.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `keel-app` binary to test: `$KEEL_APP_BIN`, else `target/debug/keel-app`.
pub fn app_binary() -> PathBuf {
    let path = std::env::var_os("KEEL_APP_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/debug/keel-app"));
    path.canonicalize().unwrap_or_else(|_| {
        panic!("{} does not exist: build the app first (`cargo build -p keel-app` or `make test`)", path.display())
    })
}

/// Where screenshots and driver logs go.
pub fn output_dir() -> PathBuf {
    let dir = workspace_root().join("target/e2e");
    std::fs::create_dir_all(&dir).expect("create target/e2e");
    dir
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("free port")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(30)))
        .http_status_as_error(false)
        .build()
        .into()
}

/// A running tauri-driver; stopped with SIGTERM on drop (SIGKILL would orphan WebKitWebDriver).
#[derive(Debug)]
pub struct TauriDriver {
    child: Child,
    url: String,
}

impl TauriDriver {
    /// A driver whose app can take screenshots: under Xvfb, WebKitWebDriver's screenshot call
    /// never returns while the DMA-BUF renderer is disabled (measured here), and Xvfb has no GPU,
    /// so the blank-window bug that Keel's default works around cannot occur. The app honours a
    /// value set by the user, so this only overrides its default.
    pub fn start() -> TauriDriver {
        TauriDriver::spawn(Some("0"), &[])
    }

    /// Like [`TauriDriver::start`], with GTK's dark theme, so the window follows
    /// `prefers-color-scheme: dark` as it does on a desktop set to dark.
    pub fn start_dark() -> TauriDriver {
        TauriDriver::spawn(Some("0"), &[("GTK_THEME", "Adwaita:dark")])
    }

    /// A driver whose app runs with exactly the environment a user's would (Keel's own
    /// DMA-BUF default applies); screenshots are not available.
    pub fn start_as_user() -> TauriDriver {
        TauriDriver::spawn(None, &[])
    }

    fn spawn(dmabuf_renderer_disabled: Option<&str>, env: &[(&str, &str)]) -> TauriDriver {
        let display = std::env::var("DISPLAY").unwrap_or_default();
        assert!(!display.is_empty(), "no DISPLAY: run the E2E tests under xvfb-run (make test does)");
        let (port, native_port) = (free_port(), free_port());
        let log = std::fs::File::create(output_dir().join(format!("tauri-driver-{port}.log"))).expect("log file");
        let mut command = Command::new("tauri-driver");
        command
            .args(["--port", &port.to_string(), "--native-port", &native_port.to_string()])
            .env("GSETTINGS_BACKEND", "memory")
            .env_remove("WEBKIT_DISABLE_DMABUF_RENDERER");
        if let Some(value) = dmabuf_renderer_disabled {
            command.env("WEBKIT_DISABLE_DMABUF_RENDERER", value);
        }
        command.envs(env.iter().copied());
        let child = command
            .stdout(Stdio::from(log.try_clone().expect("log handle")))
            .stderr(Stdio::from(log))
            .spawn()
            .expect("start tauri-driver (install it with `cargo install tauri-driver --locked`)");
        let driver = TauriDriver { child, url: format!("http://127.0.0.1:{port}") };
        driver.wait_ready();
        driver
    }

    fn wait_ready(&self) {
        let agent = agent();
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Ok(response) = agent.get(format!("{}/status", self.url)).call() {
                if response.status().is_success() {
                    return;
                }
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("tauri-driver did not answer at {} within 30 s", self.url);
    }

    /// Starts `keel-app` on the database `db` and returns a session once the home screen has
    /// loaded. Retries the first connection, which can race the driver's start.
    pub fn launch(&self, db: &Path) -> Session {
        self.launch_with(db, None)
    }

    /// Like [`TauriDriver::launch`], with file dialogs answered from `dialogs` (saves land
    /// there; see `keel-app --scripted-dialogs`), since WebDriver cannot reach a native dialog.
    pub fn launch_with(&self, db: &Path, dialogs: Option<&Path>) -> Session {
        let mut args = vec![json!("--db"), json!(db)];
        if let Some(dir) = dialogs {
            args.extend([json!("--scripted-dialogs"), json!(dir)]);
        }
        let caps = json!({ "capabilities": { "alwaysMatch": {
            "tauri:options": { "application": app_binary(), "args": args }
        }}});
        let agent = agent();
        let mut last_error = String::new();
        for _ in 0..5 {
            match post(&agent, &format!("{}/session", self.url), &caps) {
                Ok(value) => {
                    let id = value["sessionId"].as_str().expect("sessionId in new-session response");
                    let session = Session { agent, base: format!("{}/session/{id}", self.url) };
                    session.wait_for("main#home[data-loaded='true']");
                    return session;
                }
                Err(e) => last_error = e,
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        panic!("could not start a WebDriver session for keel-app: {last_error}");
    }
}

impl Drop for TauriDriver {
    fn drop(&mut self) {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(5);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends one WebDriver command; returns its `value` or a readable error.
fn request(agent: &ureq::Agent, method: &str, url: &str, body: Option<&Value>) -> Result<Value, String> {
    let response = match (method, body) {
        ("GET", _) => agent.get(url).call(),
        ("DELETE", _) => agent.delete(url).call(),
        (_, Some(body)) => agent.post(url).send_json(body),
        (_, None) => agent.post(url).send_json(json!({})),
    };
    let mut response = response.map_err(|e| format!("{method} {url}: {e}"))?;
    let status = response.status();
    let mut json: Value =
        response.body_mut().read_json().map_err(|e| format!("{method} {url}: response is not JSON: {e}"))?;
    let value = json["value"].take();
    if status.is_success() {
        Ok(value)
    } else {
        Err(format!("{method} {url}: {status}: {} {}", value["error"], value["message"]))
    }
}

fn post(agent: &ureq::Agent, url: &str, body: &Value) -> Result<Value, String> {
    request(agent, "POST", url, Some(body))
}

/// An element reference returned by the window.
#[derive(Debug, Clone)]
pub struct Element(String);

/// One WebDriver session: one running `keel-app` window.
#[derive(Debug)]
pub struct Session {
    agent: ureq::Agent,
    base: String,
}

impl Session {
    fn call(&self, method: &str, path: &str, body: Option<Value>) -> Result<Value, String> {
        request(&self.agent, method, &format!("{}{path}", self.base), body.as_ref())
    }

    fn must(&self, method: &str, path: &str, body: Option<Value>) -> Value {
        self.call(method, path, body).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The first element matching `css`, if any.
    pub fn find(&self, css: &str) -> Option<Element> {
        let found = self.call("POST", "/element", Some(json!({"using": "css selector", "value": css})));
        found.ok().and_then(|v| v[ELEMENT_KEY].as_str().map(|id| Element(id.to_owned())))
    }

    /// Every element matching `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element> {
        let found = self.must("POST", "/elements", Some(json!({"using": "css selector", "value": css})));
        found
            .as_array()
            .map(|items| {
                items.iter().filter_map(|v| v[ELEMENT_KEY].as_str()).map(|id| Element(id.to_owned())).collect()
            })
            .unwrap_or_default()
    }

    pub fn text(&self, element: &Element) -> String {
        self.must("GET", &format!("/element/{}/text", element.0), None).as_str().unwrap_or_default().to_owned()
    }

    pub fn click(&self, element: &Element) {
        self.must("POST", &format!("/element/{}/click", element.0), Some(json!({})));
    }

    pub fn send_keys(&self, element: &Element, text: &str) {
        self.must("POST", &format!("/element/{}/value", element.0), Some(json!({"text": text})));
    }

    /// Empties a text field the way a keyboard user does (Ctrl+A, Backspace), so the page sees
    /// the same input events. (WebDriver's own "clear" does not fire `input`, which Svelte
    /// bindings listen to.)
    pub fn clear(&self, element: &Element) {
        self.send_keys(element, "\u{E009}a\u{E000}\u{E003}");
    }

    /// Presses `keys` (WebDriver key text) on whatever has the keyboard focus, one key after
    /// the other, as a person at the keyboard would.
    pub fn press(&self, keys: &str) {
        let mut actions = Vec::new();
        for key in keys.chars() {
            actions.push(json!({"type": "keyDown", "value": key.to_string()}));
            actions.push(json!({"type": "keyUp", "value": key.to_string()}));
        }
        self.must(
            "POST",
            "/actions",
            Some(json!({"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})),
        );
        self.call("DELETE", "/actions", None).ok();
    }

    /// Resizes the window (outer size, in CSS pixels).
    pub fn set_window_size(&self, width: u32, height: u32) {
        self.must("POST", "/window/rect", Some(json!({"width": width, "height": height})));
    }

    /// Moves the keyboard focus to the element matching `css` (as Tab would reach it).
    pub fn focus(&self, css: &str) {
        self.wait_for(css);
        let script =
            format!("document.querySelector({}).focus(); return document.activeElement?.id ?? '';", json!(css));
        self.execute(&script);
    }

    /// Focuses the control matching `css` and presses Enter on it: a keyboard "click".
    pub fn activate(&self, css: &str) {
        self.focus(css);
        self.press(ENTER);
    }

    /// Sets a `<select>` to `value` and tells the page, as choosing with the keyboard would.
    pub fn choose(&self, css: &str, value: &str) {
        self.wait_for(css);
        self.execute(&format!(
            "const s = document.querySelector({}); s.focus(); s.value = {}; \
             s.dispatchEvent(new Event('input', {{ bubbles: true }})); s.dispatchEvent(new Event('change', {{ bubbles: true }}));",
            json!(css),
            json!(value)
        ));
    }

    /// An attribute of the first element matching `css` (`null` when absent).
    pub fn attribute(&self, css: &str, name: &str) -> Value {
        self.wait_for(css);
        self.execute(&format!("return document.querySelector({}).getAttribute({});", json!(css), json!(name)))
    }

    /// Runs `script` (which must call `done(result)`) and returns the result.
    pub fn execute_async(&self, script: &str) -> Value {
        let wrapped = format!("const done = arguments[arguments.length - 1]; {script}");
        self.must("POST", "/execute/async", Some(json!({"script": wrapped, "args": []})))
    }

    /// Runs `script` in the page and returns its result.
    pub fn execute(&self, script: &str) -> Value {
        self.must("POST", "/execute/sync", Some(json!({"script": script, "args": []})))
    }

    /// Waits until `css` matches an element.
    pub fn wait_for(&self, css: &str) -> Element {
        let start = Instant::now();
        while start.elapsed() < UI_TIMEOUT {
            if let Some(element) = self.find(css) {
                return element;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("no element {css:?} within {UI_TIMEOUT:?}");
    }

    /// Waits until the text of the element matching `css` satisfies `check`; returns the text.
    pub fn wait_for_text(&self, css: &str, check: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        let mut last = String::new();
        while start.elapsed() < UI_TIMEOUT {
            if let Some(element) = self.find(css) {
                last = self
                    .call("GET", &format!("/element/{}/text", element.0), None)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                if check(&last) {
                    return last;
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("text of {css:?} never matched; last seen: {last:?}");
    }

    /// The texts of every element matching `css`.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.find_all(css).iter().map(|e| self.text(e)).collect()
    }

    /// Saves a screenshot as `target/e2e/<name>.png` after two animation frames, so that it
    /// shows what was just rendered rather than a stale frame.
    pub fn screenshot(&self, name: &str) -> PathBuf {
        self.must(
            "POST",
            "/execute/async",
            Some(json!({
                "script": "const done = arguments[arguments.length - 1]; \
                           requestAnimationFrame(() => requestAnimationFrame(() => done(true)));",
                "args": []
            })),
        );
        let encoded = self.must("GET", "/screenshot", None);
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap_or_default())
            .expect("screenshot is base64");
        assert!(png.starts_with(b"\x89PNG"), "screenshot is not a PNG");
        let path = output_dir().join(format!("{name}.png"));
        std::fs::write(&path, png).expect("write screenshot");
        path
    }

    /// Ends the session, which closes the app.
    pub fn close(self) {
        self.must("DELETE", "", None);
    }
}
