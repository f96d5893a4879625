# Other strategies of the oauth2 gem, and a Devise password reset.
require 'oauth2'

client = OAuth2::Client.new(ENV['IDP_CLIENT_ID'], ENV['IDP_CLIENT_SECRET'], site: 'https://id.example.org')
access = client.client_credentials.get_token
access = client.auth_code.get_token(code, redirect_uri: 'https://app.example.org/cb')
token = user.password.reset_token
