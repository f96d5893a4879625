// Other grants of the same libraries, and look-alikes.
const { ClientCredentials, AuthorizationCode } = require('simple-oauth2');

async function run(auth, client, form, token, schema) {
  await new ClientCredentials({}).getToken({ scope: 'read' });
  await new AuthorizationCode({}).getToken({ code: 'c', redirect_uri: 'https://app.example.org/cb' });
  await auth.credentials.getToken();
  await auth.code.getToken('https://app.example.org/cb?code=c');
  await client.clientCredentials();
  form.password({ minLength: 12 });
  schema.password();
  await token.getToken();
}

module.exports = run;
