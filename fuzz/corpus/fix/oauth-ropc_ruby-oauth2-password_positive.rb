# The oauth2 gem's password strategy.
require 'oauth2'

client = OAuth2::Client.new(ENV['IDP_CLIENT_ID'], ENV['IDP_CLIENT_SECRET'], site: 'https://id.example.org')
access = client.password.get_token('alice', 'hunter2') # expect: oauth-ropc/ruby-oauth2-password
access = client.password.get_token(ENV['IDP_USER'], ENV['IDP_PASSWORD'], scope: 'read') # expect: oauth-ropc/ruby-oauth2-password
