# A suppression needs a known rule id and a reason, in Ruby as anywhere.
require 'ringcentral'

rc = RingCentral.new(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'], ENV['RC_SERVER_URL'])
rc.authorize(jwt: ENV['RC_JWT']) # pwflow-ignore: ringcentral/ruby-authorize -- renamed # expect: pwflow/invalid-suppression
