// go-ringcentral-client examples (office/v1/examples/get_me, setup.go): every password constructor.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/grokify/goauth"
	"github.com/grokify/goauth/authutil"
	ro "github.com/grokify/goauth/ringcentral"
	ru "github.com/grokify/go-ringcentral-client/office/v1/util"
	"golang.org/x/oauth2"
)

func main() {
	apiClient, err := ru.NewApiClientPassword(goauth.CredentialsOAuth2{ // expect: ringcentral/go-password-client
		ServerURL:    os.Getenv("RINGCENTRAL_SERVER_URL"),
		ClientID:     os.Getenv("RINGCENTRAL_CLIENT_ID"),
		ClientSecret: os.Getenv("RINGCENTRAL_CLIENT_SECRET"),
		GrantType:    authutil.GrantTypePassword,
		Username:     os.Getenv("RINGCENTRAL_USERNAME"),
		Password:     os.Getenv("RINGCENTRAL_PASSWORD"),
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(apiClient)

	httpClient, err := ro.NewClientPassword(goauth.NewCredentialsOAuth2Env("RINGCENTRAL_")) // expect: ringcentral/go-password-client
	fmt.Println(httpClient, err)
}

func others(ctx context.Context, creds goauth.CredentialsOAuth2, conf *oauth2.Config) {
	simple, _ := ro.NewClientPasswordSimple(creds) // expect: ringcentral/go-password-client
	tok, _ := ro.NewTokenPassword(creds)           // expect: ringcentral/go-password-client
	env, _ := ru.NewApiClientPasswordEnv("RINGCENTRAL_") // expect: ringcentral/go-password-client
	lit, _ := ru.NewApiClientPasswordSimple( // expect: ringcentral/go-password-client
		"https://platform.ringcentral.com", "id", "secret", "+16505550100", "101", "hunter2")
	flex, _ := ro.NewHTTPClientEnvFlexStatic("RINGCENTRAL_") // expect: ringcentral/go-password-client
	envCreds := goauth.NewCredentialsOAuth2Env("RINGCENTRAL_") // expect: ringcentral/go-password-client
	viaConf, _ := authutil.NewClientPasswordConf(conf, "alice", "S3cr3t!") // expect: ringcentral/go-password-client
	fmt.Println(simple, tok, env, lit, flex, envCreds, viaConf)
}
