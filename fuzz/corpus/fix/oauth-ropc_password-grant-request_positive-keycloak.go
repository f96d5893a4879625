// A Keycloak admin token in Go: the password grant, not RingCentral's.
package keycloak

import (
	"net/http"
	"net/url"
	"os"
)

func adminToken(base string) (*http.Response, error) {
	return http.PostForm(base+"/realms/master/protocol/openid-connect/token", url.Values{
		"grant_type": {"password"}, // expect: oauth-ropc/password-grant-request
		"client_id":  {"admin-cli"},
		"username":   {os.Getenv("KEYCLOAK_ADMIN")},
		"password":   {os.Getenv("KEYCLOAK_ADMIN_PASSWORD")},
	})
}

func body() string {
	return "grant_type=password&client_id=cli&username=admin&password=S3cr3t!" // expect: oauth-ropc/password-grant-request
}
