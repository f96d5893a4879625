//! Loads arbitrary UTF-8 text as a rule file: `load_rule` must return `Ok` or `Err`, never
//! panic. A rule it accepts must also run: it is scanned over a small sample in each of its
//! languages (a template or capture the loader let through must not panic the engine).
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pwflow::project::ProjectContext;
use pwflow::engine::{Engine, Worker};
use pwflow::model::ActiveRule;
use pwflow::lang::Lang;

const PHP: &str = r#"<?php
use RingCentral\SDK\SDK;
$rcsdk = new SDK(getenv('RC_CLIENT_ID'), getenv('RC_CLIENT_SECRET'), SDK::SERVER_PRODUCTION);
$platform = $rcsdk->platform();
$platform->login('18881112233', '101', 'hunter2');
// pwflow-ignore: ringcentral/php-password-login -- migrating
$platform->login(['username' => getenv('RC_USERNAME'), 'password' => getenv('RC_PASSWORD')]);
$platform->authorize(array('username' => $u, 'password' => $p)); // pwflow-ignore
$client->post('/restapi/oauth/token', ['form_params' => ['grant_type' => 'password', 'username' => $u]]);
"#;

const JS: &str = r#"const SDK = require('@ringcentral/sdk').SDK;
const rcsdk = new SDK({ server: process.env.RC_SERVER_URL, clientId: 'id', clientSecret: 'secret' });
const platform = rcsdk.platform();
await platform.login({ username: process.env.RC_USERNAME, extension: '101', password: 'hunter2' });
// pwflow-ignore: ringcentral/js-password-login -- migrating
platform.authorize({ username, password }).then((r) => r.json());
fetch('https://platform.ringcentral.com/restapi/oauth/token', { method: 'POST', body: `grant_type=password&username=${u}` });
/* pwflow-ignore-file */
"#;

const TS: &str = r#"import { SDK } from '@ringcentral/sdk';
const sdk = new SDK({ server: SDK.server.production, clientId: process.env.RC_CLIENT_ID as string });
const platform = sdk.platform();
export async function login(username: string, password: string): Promise<void> {
  await platform.login({ username, password }); // pwflow-ignore: ringcentral/js-password-login
  const body = new URLSearchParams({ grant_type: 'password', username, password });
  await fetch('/restapi/oauth/token', { method: 'POST', body });
}
export const View = () => <form onSubmit={() => platform.login({ username: 'u', password: 'p' })} />;
"#;

fn sample(lang: Lang) -> &'static str {
    match lang {
        Lang::Php => PHP,
        Lang::JavaScript | Lang::Tsx => JS,
        Lang::TypeScript => TS,
        // Every other language gets a line that most password-flow queries would look at.
        _ => "platform.login(username, extension, password)\nRC_PASSWORD=x\ngrant_type=password\n",
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(rule) = pwflow::rules::load_rule("fuzz.toml", text) else { return };
    let known = vec![rule.id.clone(), rule.group.clone()];
    let active = vec![ActiveRule { rule: &rule, severity: rule.severity }];
    let Ok(engine) = Engine::new(active, pwflow_fuzz::options(known), ProjectContext::default()) else {
        return;
    };
    let mut worker = Worker::default();
    for &lang in &rule.languages {
        let name = pwflow_fuzz::file_name(lang);
        let path = Path::new(&name);
        let _ = engine.check_bytes(path, path, lang, sample(lang).as_bytes(), &mut worker);
        // TSX also gets the JSX line of the TypeScript sample.
        if lang == Lang::Tsx {
            let _ = engine.check_bytes(path, path, lang, TS.as_bytes(), &mut worker);
        }
    }
});
