# Migrated and auth-code logins of the official gem, and other authorize() methods.
require 'ringcentral'

rc = RingCentral.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'], ENV['RC_SERVER_URL'])
rc.authorize(jwt: ENV['RC_USER_JWT'])
rc.authorize(jwt: ENV['RINGCENTRAL_JWT_TOKEN'])

# api-docs quick start: names the password keywords but is an auth-code call.
$rc.authorize(username: nil, extension: nil, password: nil, auth_code: auth_code, redirect_uri: REDIRECT_URL)
rc.authorize(auth_code: params[:code], redirect_uri: ENV['RC_REDIRECT_URL'], verifier: verifier)
rc.authorize(**options)
uri = rc.authorize_uri(ENV['RC_REDIRECT_URL'], state: 'x', code_challenge: challenge, code_challenge_method: 'S256')

warn 'Password auth is deprecated. Use JWT auth or OAuth instead.'
