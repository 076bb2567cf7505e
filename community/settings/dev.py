"""Development settings: debug on, a secret key generated once into var/, email to the console."""

from community.settings import env
from community.settings.base import *  # noqa: F403
from community.settings.base import VAR_DIR

DEBUG = env.env_bool("DEBUG", True)
SECRET_KEY = env.env_str("SECRET_KEY") or env.secret_key_from_file(VAR_DIR / "secret_key")
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http"
