# A generic OAuth password grant with Faraday: no RingCentral context.
conn = Faraday.new(url: 'https://idp.example.com')
conn.post('/oauth/token', grant_type: 'password', username: user, password: pass) # expect: oauth-ropc/password-grant-request
