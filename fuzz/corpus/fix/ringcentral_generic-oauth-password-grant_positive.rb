# The oauth2 gem pointed at RingCentral.
require 'oauth2'

client = OAuth2::Client.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'],
                            site: 'https://platform.ringcentral.com', token_url: '/restapi/oauth/token')
access = client.password.get_token(ENV['RC_USERNAME'], 'S3cr3t!') # expect: ringcentral/generic-oauth-password-grant
