// Hand-built RingCentral token requests with net/http.
package rcauth

import (
	"net/http"
	"net/url"
	"os"
	"strings"
)

const tokenURL = "https://platform.ringcentral.com/restapi/oauth/token"

func passwordToken() (*http.Response, error) {
	form := url.Values{
		"grant_type": {"password"}, // expect: ringcentral/password-grant-request
		"username":   {os.Getenv("RC_USERNAME")},
		"extension":  {os.Getenv("RC_EXTENSION")},
		"password":   {os.Getenv("RC_PASSWORD")},
	}
	req, _ := http.NewRequest("POST", tokenURL, strings.NewReader(form.Encode()))
	req.SetBasicAuth(os.Getenv("RC_CLIENT_ID"), os.Getenv("RC_CLIENT_SECRET"))
	return http.DefaultClient.Do(req)
}

func setForm() url.Values {
	v := url.Values{}
	v.Set("grant_type", "password") // expect: ringcentral/password-grant-request
	v.Set("username", os.Getenv("RC_USERNAME"))
	return v
}

func literalBody() *strings.Reader {
	return strings.NewReader("grant_type=password&username=16505550100&password=hunter2") // expect: ringcentral/password-grant-request
}

func rawBody() string {
	return `grant_type=password&username=` + os.Getenv("RC_USERNAME") // expect: ringcentral/password-grant-request
}

func mapBody() map[string]string {
	return map[string]string{"grant_type": "password", "username": os.Getenv("RC_USERNAME")} // expect: ringcentral/password-grant-request
}
