// A Keycloak admin client: the password grant, but not RingCentral's.
package keycloak

type TokenOptions struct {
	GrantType string
	Username  string
	Password  string
}

func adminToken(user, pass string) TokenOptions {
	return TokenOptions{GrantType: "password", Username: user, Password: pass}
}
