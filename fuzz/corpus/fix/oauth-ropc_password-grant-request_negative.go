// Client credentials and authorization code against a generic server.
package idp

import "net/url"

func forms(code string) []url.Values {
	return []url.Values{
		{"grant_type": {"client_credentials"}},
		{"grant_type": {"authorization_code"}, "code": {code}},
	}
}
