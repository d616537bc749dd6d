{{/* Names, labels and the settings derived from several values. */}}

{{- define "caig-operator.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-caig-operator, or just the release name when it already says caig-operator. */}}
{{- define "caig-operator.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "caig-operator.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "caig-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "caig-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "caig-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "caig-operator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "caig-operator.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "caig-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{- define "caig-operator.runtimeImage" -}}
{{- printf "%s:%s" .Values.runtimeImage.repository (default .Chart.AppVersion .Values.runtimeImage.tag) -}}
{{- end -}}

{{/* The CUDA build of the runtime, for pods that ask for a GPU; its tag is the CPU build's plus "-cuda". */}}
{{- define "caig-operator.runtimeImageGpu" -}}
{{- printf "%s:%s" .Values.runtimeImageGpu.repository (default (printf "%s-cuda" .Chart.AppVersion) .Values.runtimeImageGpu.tag) -}}
{{- end -}}

{{/* The operator's namespaces setting: a comma-separated list, or JOSDK's marker for all namespaces. */}}
{{- define "caig-operator.namespaces" -}}
{{- if .Values.watchNamespaces -}}
{{- join "," .Values.watchNamespaces -}}
{{- else -}}
JOSDK_ALL_NAMESPACES
{{- end -}}
{{- end -}}

{{- define "caig-operator.minio.fullname" -}}
{{- printf "%s-minio" (include "caig-operator.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "caig-operator.minio.selectorLabels" -}}
app.kubernetes.io/name: minio
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* With the bundled MinIO the store is that MinIO; otherwise store.endpoint. */}}
{{- define "caig-operator.storeEndpoint" -}}
{{- if .Values.minio.enabled -}}
{{- printf "http://%s.%s.svc:9000" (include "caig-operator.minio.fullname" .) .Release.Namespace -}}
{{- else -}}
{{- .Values.store.endpoint -}}
{{- end -}}
{{- end -}}

{{/*
Rights in every watched namespace: exactly what the operator's code calls (RbacCoverageTest checks every request
the operator makes against these rules, and that no rule goes unused).
*/}}
{{- define "caig-operator.watchedRules" -}}
# The three custom resources, watched. A training job also carries the operator's finalizer (patch; JOSDK reads the
# resource again when that patch conflicts). Generators and batches have no finalizer.
- apiGroups: ["caig.dev"]
  resources: ["adimagetrainingjobs"]
  verbs: ["get", "list", "watch", "patch"]
- apiGroups: ["caig.dev"]
  resources: ["adimagegenerators", "adimagebatches"]
  verbs: ["list", "watch"]
- apiGroups: ["caig.dev"]
  resources: ["adimagetrainingjobs/status", "adimagegenerators/status", "adimagebatches/status"]
  verbs: ["patch"]
# Owned objects carry blockOwnerDeletion, which the API server allows only with update on the owner's finalizers.
- apiGroups: ["caig.dev"]
  resources: ["adimagetrainingjobs/finalizers", "adimagegenerators/finalizers", "adimagebatches/finalizers"]
  verbs: ["update"]
# Stage and batch Jobs: create, adopt after a conflict (get), suspend/resume (patch), stop the running siblings of a
# failed stage (delete), delete a job's stages on cleanup (deletecollection).
- apiGroups: ["batch"]
  resources: ["jobs"]
  verbs: ["get", "list", "watch", "create", "patch", "delete", "deletecollection"]
# The pipeline.yaml ConfigMap of a training job: created once when the run starts (the pinned config, never
# changed), deleted on cleanup.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["list", "watch", "create", "delete"]
# A resource's own store Secret (spec.store.credentialsSecret), read by name: the operator reads and deletes
# artifacts with the resource's keys, never with rights of its own (no list/watch: it sees only Secrets it is named).
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
# Stage pods: read only, to say why a stage waits (unschedulable, image pull, missing Secret).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list", "watch"]
# Generators: the caig serve Deployment, its Service, the optional HPA and the PodDisruptionBudget (from two
# replicas on), created, updated when their desired form changes or someone edits them, and the HPA and budget
# deleted when no longer wanted (the rest goes with the generator, by garbage collection).
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: [""]
  resources: ["services"]
  verbs: ["list", "watch", "create", "update"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["list", "watch", "create", "update", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["list", "watch", "create", "update", "delete"]
# Events on the custom resources; a repeat is counted on the first (count, lastTimestamp) by a patch.
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
{{- end -}}

{{/* storeScope.allowedPrefixes as the operator reads it: namespace=s3://bucket/prefix entries, comma-separated. */}}
{{- define "caig-operator.storePrefixEntries" -}}
{{- $entries := list }}
{{- range $ns, $prefixes := . }}
{{- range $prefixes }}
{{- $entries = append $entries (printf "%s=%s" $ns .) }}
{{- end }}
{{- end }}
{{- join "," $entries }}
{{- end -}}
