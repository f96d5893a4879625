# Hand-built RingCentral token requests with Net::HTTP and Faraday.
require 'net/http'
require 'faraday'

uri = URI('https://platform.ringcentral.com/restapi/oauth/token')
req = Net::HTTP::Post.new(uri)
req.basic_auth(ENV['RC_CLIENT_ID'], ENV['RC_CLIENT_SECRET'])
req.set_form_data('grant_type' => 'password', 'username' => ENV['RC_USERNAME'], 'password' => ENV['RC_PASSWORD']) # expect: ringcentral/password-grant-request

conn = Faraday.new(url: 'https://platform.ringcentral.com')
conn.post('/restapi/oauth/token', { grant_type: 'password', username: ENV['RC_USERNAME'], password: ENV['RC_PASSWORD'] }) # expect: ringcentral/password-grant-request

body = { :grant_type => :password } # expect: ringcentral/password-grant-request

body = { "grant_type": "password" } # expect: ringcentral/password-grant-request

req.body = "grant_type=password&username=#{ENV['RC_USERNAME']}&password=hunter2" # expect: ringcentral/password-grant-request

req.body = 'grant_type=' + 'password' # expect: ringcentral/password-grant-request

form = URI.encode_www_form([['grant_type', 'password'], ['username', user]]) # expect: ringcentral/password-grant-request

params = {}
params['grant_type'] = 'password' # expect: ringcentral/password-grant-request

# The JWT grant is fine.
req.set_form_data('grant_type' => 'urn:ietf:params:oauth:grant-type:jwt-bearer', 'assertion' => ENV['RC_JWT'])

req.body = '{"grant_type":"password","username":"18881112233"}' # expect: ringcentral/password-grant-request
