// Engage Voice legacy login (go-ringcentral-client engagevoice/v1/util/lite/api_token.go):
// a username/password form to another product's endpoint, not the OAuth password grant.
package lite

import (
	"net/http"
	"net/url"

	"github.com/grokify/go-ringcentral-client/engagevoice/v1/client"
)

const authURL = "https://portal.vacd.biz/api/v1/auth/login"

func RetrieveToken(username, password string) (*http.Response, error) {
	form := url.Values{}
	form.Set("username", username)
	form.Set("password", password)
	_ = client.Configuration{}
	return http.PostForm(authURL, form)
}
