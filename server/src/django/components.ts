// Dotted paths of Django's own middleware and apps that the checks and the engine name.

export const SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware";
export const XFRAME_MIDDLEWARE = "django.middleware.clickjacking.XFrameOptionsMiddleware";
export const CSRF_MIDDLEWARE = "django.middleware.csrf.CsrfViewMiddleware";
export const SESSION_MIDDLEWARE = "django.contrib.sessions.middleware.SessionMiddleware";
export const COMMON_MIDDLEWARE = "django.middleware.common.CommonMiddleware";
export const SESSIONS_APP = "django.contrib.sessions";
export const AUTH_APP = "django.contrib.auth";
export const STATICFILES_APP = "django.contrib.staticfiles";
