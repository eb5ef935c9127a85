// A `helm create`-style chart in memory (Chart.yaml, values.yaml, _helpers.tpl, a Deployment template),
// for the Helm tests and the benchmark; each file can be replaced or added.
import { memoryHost, type WorkspaceHost } from '../../server/src/engine/index';

export const CHART_ROOT = '/ws';
export const CHART_DIR = `${CHART_ROOT}/app`;
export const TEMPLATE_PATH = `${CHART_DIR}/templates/deployment.yaml`;
export const VALUES_PATH = `${CHART_DIR}/values.yaml`;

export const HELPERS = `{{/* Expand the name of the chart. */}}
{{- define "app.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "app.fullname" -}}
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

{{- define "app.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "app.selectorLabels" . }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "app.selectorLabels" -}}
app.kubernetes.io/name: {{ include "app.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{- define "app.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "app.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}
`;

export const VALUES = `# Default values for app.
replicaCount: 1

image:
  repository: nginx
  # Overrides the image tag whose default is the chart appVersion.
  tag: ""

imagePullSecrets: []
nameOverride: ""
fullnameOverride: ""

serviceAccount:
  create: true
  name: ""

podSecurityContext: {}

securityContext:
  privileged: true
  runAsUser: 0

hostNetwork: false
`;

export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "app.fullname" . }}
  labels:
    {{- include "app.labels" . | nindent 4 }}
spec:
  replicas: {{ .Values.replicaCount }}
  selector:
    matchLabels:
      {{- include "app.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "app.selectorLabels" . | nindent 8 }}
    spec:
      {{- with .Values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      serviceAccountName: {{ include "app.serviceAccountName" . }}
      hostNetwork: {{ .Values.hostNetwork }}
      securityContext:
        {{- toYaml .Values.podSecurityContext | nindent 8 }}
      containers:
        - name: {{ .Chart.Name }}
          securityContext:
            {{- toYaml .Values.securityContext | nindent 12 }}
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
          ports:
            - name: http
              containerPort: 8080
`;

export const CHART_YAML = `apiVersion: v2
name: app
description: A Helm chart for Kubernetes
type: application
version: 0.1.0
appVersion: "1.16.0"
`;

/** The chart's files by absolute path; `files` (relative to the chart) replace or add to them. */
export function chartFiles(files: Record<string, string> = {}): Record<string, string> {
  const all: Record<string, string> = {
    'Chart.yaml': CHART_YAML,
    'values.yaml': VALUES,
    'templates/_helpers.tpl': HELPERS,
    'templates/deployment.yaml': DEPLOYMENT,
    ...files,
  };
  return Object.fromEntries(Object.entries(all).map(([rel, text]) => [`${CHART_DIR}/${rel}`, text]));
}

export function chartHost(files: Record<string, string> = {}): WorkspaceHost {
  return memoryHost(chartFiles(files), CHART_ROOT);
}
