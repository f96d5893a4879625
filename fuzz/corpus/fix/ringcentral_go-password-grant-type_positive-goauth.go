// goauth credentials that select the password grant.
package rcauth

import (
	"context"
	"net/http"
	"os"

	"github.com/grokify/goauth"
	"github.com/grokify/goauth/authutil"
	ro "github.com/grokify/goauth/ringcentral"
)

type Config struct {
	ClientID string
	Password string
	JWT      string
}

func newCreds() goauth.CredentialsOAuth2 {
	return goauth.CredentialsOAuth2{
		ServerURL:    "https://platform.ringcentral.com",
		ClientID:     os.Getenv("RINGCENTRAL_CLIENT_ID"),
		ClientSecret: os.Getenv("RINGCENTRAL_CLIENT_SECRET"),
		GrantType:    authutil.GrantTypePassword, // expect: ringcentral/go-password-grant-type
		Username:     os.Getenv("RINGCENTRAL_USERNAME"),
		Password:     os.Getenv("RINGCENTRAL_PASSWORD"),
	}
}

func inline(ctx context.Context) (*http.Client, error) {
	return goauth.CredentialsOAuth2{ServerURL: ro.ServerURLProduction, GrantType: "password", Username: "alice", Password: "hunter2"}.NewClient(ctx) // expect: ringcentral/go-password-grant-type
}

func assigned(cfg *Config) goauth.CredentialsOAuth2 {
	creds := goauth.CredentialsOAuth2{ClientID: cfg.ClientID}
	creds.GrantType = authutil.GrantTypePassword // expect: ringcentral/go-password-grant-type
	creds.Password = cfg.Password
	return creds
}

func fromConfig(cfg *Config) goauth.CredentialsOAuth2 {
	return goauth.CredentialsOAuth2{GrantType: authutil.GrantTypePassword, Password: cfg.Password} // expect: ringcentral/go-password-grant-type
}

func halfMigrated(cfg *Config) goauth.CredentialsOAuth2 {
	return goauth.CredentialsOAuth2{GrantType: authutil.GrantTypePassword, JWT: cfg.JWT} // expect: ringcentral/go-password-grant-type
}

// Inside a password constructor, the constructor is the finding.
func wrapped(ctx context.Context) (*http.Client, error) {
	return ro.NewClientPassword(goauth.CredentialsOAuth2{GrantType: authutil.GrantTypePassword, Username: "alice"}) // expect: ringcentral/go-password-client
}
