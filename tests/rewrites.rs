//! The exact code each rewrite writes, where a wrong shape would break the user's program: the
//! Engage Voice clients keep their own login (and Python's keywords), a receiver's own package
//! names the SDK, JWT expressions read a value the code can have, C# guidance is a complete
//! statement that compiles where it stands, and goauth's JSON stays JSON.

use std::fs;
use std::path::Path;

use assert_cmd::Command;
use tempfile::TempDir;

fn pwflow(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("pwflow").expect("binary builds");
    cmd.current_dir(dir).arg("check").arg("--isolated");
    cmd
}

/// Writes `name` with `src` into a new directory and runs `--fix --unsafe-fixes` there: the
/// file as the fix leaves it.
fn fixed(name: &str, src: &str) -> String {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join(name), src).expect("write");
    pwflow(dir.path()).args([name, "--fix", "--unsafe-fixes"]).output().expect("runs");
    fs::read_to_string(dir.path().join(name)).expect("read")
}

/// The human report of `name` with `src`.
fn report(name: &str, src: &str) -> String {
    let dir = TempDir::new().expect("tempdir");
    fs::write(dir.path().join(name), src).expect("write");
    let out = pwflow(dir.path()).arg(name).output().expect("runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn python_engage_voice_keeps_a_keyword_call() {
    let src = "\
import os
from ringcentral_engage_voice import RingCentralEngageVoice

ev = RingCentralEngageVoice(os.environ['EV_ID'], os.environ['EV_SECRET'])
ev.authorize(
    username=os.environ['EV_USER'],
    password=os.environ['EV_PASS'],
    extension=os.environ.get('EV_EXT', ''),
)
";
    let after = fixed("stats.py", src);
    assert!(after.contains("\nev.authorize(jwt=os.environ['RC_JWT'])\n"), "{after}");
    let shown = report("stats.py", src);
    assert!(shown.contains("Engage Voice") && shown.contains("ringcentral_engage_voice"), "{shown}");
    assert!(!shown.contains("ringcentral_client"), "{shown}");
}

#[test]
fn python_engage_voice_needs_the_ringcentral_package_with_a_jwt_login() {
    // The Engage Voice client passes `jwt` to `ringcentral`, which has it from 0.7.12.
    let dir = TempDir::new().expect("tempdir");
    let src = "import os\nfrom ringcentral_engage_voice import RingCentralEngageVoice\nev = RingCentralEngageVoice('id', 'secret')\nev.authorize(username=os.environ['EV_USER'], password=os.environ['EV_PASS'])\n";
    fs::write(dir.path().join("job.py"), src).expect("write");
    fs::write(dir.path().join("requirements.txt"), "ringcentral_engage_voice==0.3.2\nringcentral==0.7.11\n")
        .expect("write");
    pwflow(dir.path()).args(["job.py", "--fix", "--unsafe-fixes"]).output().expect("runs");
    assert_eq!(fs::read_to_string(dir.path().join("job.py")).expect("read"), src);
    let shown = String::from_utf8_lossy(&pwflow(dir.path()).arg("job.py").output().expect("runs").stdout)
        .into_owned();
    assert!(shown.contains("locks ringcentral ==0.7.11; the JWT login needs >= 0.7.12"), "{shown}");
}

#[test]
fn js_engage_voice_keeps_the_client_and_its_token_exchange() {
    let src = "\
const RingCentralEngageVoice = require('ringcentral-engage-voice-client').default;

async function groups() {
  const ev = new RingCentralEngageVoice({ clientId: process.env.EV_ID, clientSecret: process.env.EV_SECRET });
  await ev.authorize({
    username: process.env.EV_USER,
    extension: process.env.EV_EXT,
    password: process.env.EV_PASS,
  });
  return ev.get('/api/v1/admin/accounts/~/agentGroups');
}
";
    let after = fixed("index.js", src);
    assert!(after.contains("\n  await ev.authorize({ jwt: process.env.RC_JWT });\n"), "{after}");
    assert!(!after.contains("platform"), "{after}");
    let shown = report("index.js", src);
    assert!(shown.contains("ringcentral-engage-voice-client >= 1.40.0"), "{shown}");
    assert!(!shown.contains("rcsdk v1"), "{shown}");
}

#[test]
fn js_engage_voice_locked_before_its_jwt_login_is_held_back() {
    let dir = TempDir::new().expect("tempdir");
    let src = "import RingCentralEngageVoice from 'ringcentral-engage-voice-client';\nconst ev = new RingCentralEngageVoice({ clientId: 'id', clientSecret: 's' });\nawait ev.authorize({ username: process.env.EV_USER, password: process.env.EV_PASS });\n";
    fs::write(dir.path().join("a.mjs"), src).expect("write");
    let lock = r#"{"lockfileVersion": 3, "packages": {"": {}, "node_modules/@ringcentral/sdk": {"version": "5.0.1"}, "node_modules/ringcentral-engage-voice-client": {"version": "1.37.3"}}}"#;
    fs::write(dir.path().join("package-lock.json"), lock).expect("write");
    let out = pwflow(dir.path()).args(["a.mjs", "--fix", "--unsafe-fixes"]).output().expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(fs::read_to_string(dir.path().join("a.mjs")).expect("read"), src, "{text}");
    let shown =
        String::from_utf8_lossy(&pwflow(dir.path()).arg("a.mjs").output().expect("runs").stdout).into_owned();
    assert!(
        shown.contains("locks ringcentral-engage-voice-client 1.37.3; the JWT login needs >= 1.40.0"),
        "{shown}"
    );
}

#[test]
fn ringcentral_ts_is_named_by_its_own_import() {
    let src = "\
import RingCentral from 'ringcentral-js-concise';
import RingCentralTs, { SERVER_SANDBOX } from 'ringcentral-ts';

const rcts = new RingCentralTs({ server: SERVER_SANDBOX, appKey: process.env.APP_KEY, appSecret: process.env.APP_SECRET });
export const login = () => rcts.auth({ username: process.env.RC_USER, extension: '101', password: process.env.RC_PASS });
";
    let shown = report("concise.js", src);
    assert!(
        shown.contains("password-flow login: ringcentral-ts `auth({ username, extension, password })`"),
        "{shown}"
    );
    assert!(shown.contains("ringcentral-ts has no JWT login"), "{shown}");
    assert!(!shown.contains("ringcentral-js-concise `authorize"), "{shown}");
}

#[test]
fn typescript_jwt_reads_the_environment_not_a_missing_property() {
    let src = "\
import RingCentral from '@rc-ex/core';

interface Settings { user: { name: string; secret: string } }

export class Client {
  private rc = new RingCentral({ server: 'https://platform.ringcentral.com', clientId: 'id', clientSecret: 's' });
  constructor(private readonly settings: Settings) {}

  async token() {
    return this.rc.getToken({
      grant_type: 'password',
      username: this.settings.user.name,
      password: this.settings.user.secret,
    });
  }
}
";
    let after = fixed("client.ts", src);
    assert!(after.contains("assertion: process.env.RC_JWT,"), "{after}");
    assert!(!after.contains("settings.user.jwt"), "{after}");
}

#[test]
fn csharp_guidance_blocks_in_a_synchronous_main_and_awaits_in_async_code() {
    let sync = "\
using System;
using RingCentral;

class Program
{
    static void Main(string[] args)
    {
        var sdk = new SDK(\"id\", \"secret\", SDK.Server.Production, \"Tool\", \"1.0\");
        sdk.Platform.Login(Environment.GetEnvironmentVariable(\"RC_USER\"), \"101\", Environment.GetEnvironmentVariable(\"RC_PASSWORD\"), true);
    }
}
";
    let shown = report("Program.cs", sync);
    assert!(
        shown.contains(
            "rc.Authorize(Environment.GetEnvironmentVariable(\"RC_JWT\")).GetAwaiter().GetResult();"
        ),
        "{shown}"
    );
    assert!(!shown.contains("await rc."), "no await in a synchronous Main: {shown}");
    let async_main = sync.replace("static void Main", "static async Task Main");
    let shown = report("Program.cs", &async_main);
    assert!(shown.contains("await rc.Authorize(Environment.GetEnvironmentVariable(\"RC_JWT\"));"), "{shown}");
    assert!(!shown.contains(".GetAwaiter().GetResult();"), "{shown}");
}

#[test]
fn goauth_credentials_get_json() {
    let src = r#"{
  "credentials": {
    "prod": {
      "service": "ringcentral",
      "type": "oauth2",
      "oauth2": {
        "serverURL": "https://platform.ringcentral.com",
        "clientID": "id",
        "clientSecret": "secret",
        "grantType": "password",
        "username": "+16505550100",
        "password": "not-a-real-one"
      }
    }
  }
}
"#;
    let shown = report("credentials.json", src);
    assert!(
        shown.contains(
            "\"grantType\": \"urn:ietf:params:oauth:grant-type:jwt-bearer\",\n         \"jwt\": \"<JWT credential from the Developer Console>\""
        ),
        "{shown}"
    );
    assert!(!shown.contains("rc_jwt:"), "{shown}");
}
