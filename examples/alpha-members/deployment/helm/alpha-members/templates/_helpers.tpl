{{/*
The chart name, shortened to the 63 characters a Kubernetes name label allows.
*/}}
{{- define "alpha-members.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
The fully qualified app name: the release name, with the chart name appended unless the
release name already contains it. Truncated to 63 characters (DNS label limit).
*/}}
{{- define "alpha-members.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/*
The chart label: name and version.
*/}}
{{- define "alpha-members.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object.
*/}}
{{- define "alpha-members.labels" -}}
helm.sh/chart: {{ include "alpha-members.chart" . }}
{{ include "alpha-members.selectorLabels" . }}
app.kubernetes.io/version: {{ include "alpha-members.imageTag" . | trunc 63 | trimSuffix "-" | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/*
Selector labels: stable across upgrades, so they never include a version.
*/}}
{{- define "alpha-members.selectorLabels" -}}
app.kubernetes.io/name: {{ include "alpha-members.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/*
The service account the pods run as.
*/}}
{{- define "alpha-members.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "alpha-members.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/*
The image tag: image.tag, or the chart's appVersion when it is empty.
*/}}
{{- define "alpha-members.imageTag" -}}
{{- .Values.image.tag | default .Chart.AppVersion }}
{{- end }}

{{/*
The Secret the app reads its credentials from: written by the ExternalSecret
(externalSecrets.enabled) or, in dev, decrypted from secrets/secrets-dev.yaml.enc by SOPS.
*/}}
{{- define "alpha-members.secretName" -}}
{{- include "alpha-members.fullname" . }}-secrets
{{- end }}

{{/*
The Secret holding the passwords of the in-cluster dev dependencies (mongodb, redis, keycloak).
*/}}
{{- define "alpha-members.localSecretName" -}}
{{- include "alpha-members.fullname" . }}-local
{{- end }}

{{/*
True when at least one in-cluster dependency has a password in the values.
*/}}
{{- define "alpha-members.hasLocalPasswords" -}}
{{- if or (and .Values.mongodb.enabled .Values.mongodb.auth.rootPassword) (and .Values.redis.enabled .Values.redis.auth.password) (and .Values.keycloak.enabled .Values.keycloak.auth.adminPassword) }}true{{ end }}
{{- end }}
