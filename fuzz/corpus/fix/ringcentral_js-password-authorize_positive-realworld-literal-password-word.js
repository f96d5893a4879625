// From the ringcentral-js-concise 0.3.4 README ("Usage"): the literal password is the word
// `password`. The call must be reported and the literal masked where the source is shown, but the
// masking must not rewrite the tool's own words: today the message reads "***-flow login: ...
// `authorize({ username, extension, *** })`" and the label "this call sends grant_type=***"
// (values of 4+ characters are replaced everywhere in messages, labels, notes and fixes).
import RingCentral from 'ringcentral-js-concise'

const rc = new RingCentral('client-id', 'client-secret', RingCentral.SANDBOX_SERVER)
rc.authorize({ username: 'username', extension: 'extension', password: 'password' }) // expect: ringcentral/js-password-authorize
const r = await rc.get('/restapi/v1.0/account/~/extension/~')
const extension = r.data
