# Official gem ringcentral-sdk (require 'ringcentral'), samples before JWT.
require 'ringcentral'

$rc = RingCentral.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'], ENV['RC_SERVER_URL'])
$rc.authorize(username: ENV['RC_USERNAME'], extension: ENV['RC_EXTENSION'], password: ENV['RC_PASSWORD']) # expect: ringcentral/ruby-password-authorize

rc = RingCentral.new(client_id, client_secret, RingCentral.PRODUCTION_SERVER)
rc.authorize(username: '+18881112233', extension: '101', password: 'hunter2') # expect: ringcentral/ruby-password-authorize

rc.authorize username: ENV.fetch('RC_USERNAME'), password: ENV.fetch('RC_PASSWORD') # expect: ringcentral/ruby-password-authorize

# jwt: nil still takes the password branch.
rc.authorize(username: config[:username], password: config[:password], jwt: nil) # expect: ringcentral/ruby-password-authorize

creds = { username: ENV['RC_USERNAME'], extension: ENV['RC_EXTENSION'], password: ENV['RC_PASSWORD'] }
rc.authorize(creds) # expect: ringcentral/ruby-password-authorize

class Notifier
  def initialize
    @rc ||= RingCentral.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'], ENV['RC_SERVER_URL'])
    @rc.authorize( # expect: ringcentral/ruby-password-authorize
      username: ENV['RC_USERNAME'],
      extension: ENV['RC_EXTENSION'],
      password: ENV['RC_PASSWORD']
    )
  end
end

# Migrated calls in the same file stay silent.
rc.authorize(jwt: ENV['RC_JWT'])
