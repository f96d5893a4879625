# A Python job with no password-flow code; its SDK version is read from requirements.txt.
