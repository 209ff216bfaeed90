"""The bundled rubrics' detectors, one small repository per family of tools: each fixture
holds the file a real ML repository would have, and the scan must propose the answer that
file proves (never more), citing it. A last test checks that an empty repository proposes
nothing, so no detector matches by accident."""

from __future__ import annotations

from pathlib import Path

import pytest

from mlops_maturity.load.rubric import load_rubric
from mlops_maturity.scan.run import scan_repository
from scan_helpers import ROLLOUT, WORKFLOW, build

RUBRICS: dict = {}
ROOT = Path(__file__).resolve().parent.parent


def rubric(rid: str):
    if rid not in RUBRICS:
        RUBRICS[rid] = load_rubric(ROOT / "rubrics" / f"{rid}.yaml")
    return RUBRICS[rid]


MA = "mlops-automation"
PIPELINE_PY = {
    "kubeflow": "from kfp import dsl\n\n@dsl.pipeline\ndef train(): ...\n",
    "tfx": "import tfx\nfrom tfx.components import Trainer\n",
    "vertex": "from google.cloud import aiplatform\n"
              "job = aiplatform.PipelineJob(display_name='t')\n",
    "sagemaker": "from sagemaker.workflow.pipeline import Pipeline\n",
    "azureml": "from azure.ai.ml import dsl, Input\n",
    "airflow": "from airflow import DAG\n",
    "dagster": "import dagster\n",
    "prefect": "from prefect import flow, task\n",
    "metaflow": "from metaflow import FlowSpec, step\n",
    "zenml": "from zenml import pipeline\n",
}

# (family, files, rubric, question, answer proposed, file cited)
CASES = [
    # CI and tests
    ("github-actions", {".github/workflows/ci.yml": WORKFLOW}, MA,
     "deployment.release-pipeline", "partial", ".github/workflows/ci.yml"),
    ("github-actions-tests", {".github/workflows/ci.yml": WORKFLOW}, MA,
     "production-system.integration-test", "partial", ".github/workflows/ci.yml"),
    ("gitlab-ci", {".gitlab-ci.yml": "test:\n  script: [pytest]\n"}, MA,
     "deployment.release-pipeline", "partial", ".gitlab-ci.yml"),
    ("jenkins", {"Jenkinsfile": "pipeline { agent any }\n"}, MA,
     "deployment.release-pipeline", "partial", "Jenkinsfile"),
    ("azure-pipelines", {"azure-pipelines.yml": "trigger: [main]\n"}, MA,
     "deployment.release-pipeline", "partial", "azure-pipelines.yml"),
    ("codebuild", {"buildspec.yml": "version: 0.2\n"}, MA,
     "deployment.release-pipeline", "partial", "buildspec.yml"),
    ("codepipeline", {"infra/pipeline.yaml": "Resources:\n  P:\n"
                                             "    Type: AWS::CodePipeline::Pipeline\n"},
     MA, "deployment.release-pipeline", "partial", "infra/pipeline.yaml"),
    ("cloud-build", {"cloudbuild.yaml": "steps: []\n"}, MA,
     "deployment.release-pipeline", "partial", "cloudbuild.yaml"),
    ("python-tests", {"tests/test_model.py": "def test_x(): pass\n"}, "azure-mlops-maturity",
     "application-integration.app-tests", "unit", "tests/test_model.py"),
    ("tests-in-ci", {".github/workflows/ci.yml": WORKFLOW, "tests/test_model.py": ""},
     "ml-test-score", "infra-2", "automated", ".github/workflows/ci.yml"),
    # containers and infrastructure
    ("dockerfile", {"serving/Dockerfile": "FROM python:3.11\n"}, MA,
     "production-system.serving-infrastructure", "partial", "serving/Dockerfile"),
    ("kubernetes", {"k8s/deploy.yaml": "apiVersion: apps/v1\nkind: Deployment\n"}, MA,
     "production-system.serving-infrastructure", "partial", "k8s/deploy.yaml"),
    ("helm", {"chart/Chart.yaml": "name: model\n"}, MA,
     "production-system.serving-infrastructure", "partial", "chart/Chart.yaml"),
    ("terraform", {"infra/main.tf": 'resource "aws_s3_bucket" "b" {}\n'}, MA,
     "production-system.serving-infrastructure", "partial", "infra/main.tf"),
    ("resource-limits", {"k8s/d.yaml": "kind: Deployment\nspec:\n  resources:\n    limits:\n"
                                        "      cpu: 2\n"}, MA,
     "serving.compute-resources", "partial", "k8s/d.yaml"),
    # progressive delivery and rollback
    ("argo-rollouts", {"deploy/rollout.yaml": ROLLOUT}, MA,
     "deployment.canary-ramp", "automated-steps", "deploy/rollout.yaml"),
    ("argo-analysis", {"deploy/rollout.yaml": ROLLOUT.replace(
        "      steps:",
        "      analysis:\n        templates: [{templateName: rate}]\n      steps:")},
     MA, "deployment.canary-ramp", "automated-guarded", "deploy/rollout.yaml"),
    ("flagger", {"deploy/canary.yaml": "apiVersion: flagger.app/v1beta1\nkind: Canary\n"}, MA,
     "deployment.automatic-rollback", "partial", "deploy/canary.yaml"),
    ("istio-weights", {"mesh/vs.yaml": "apiVersion: networking.istio.io/v1\n"
                                       "kind: VirtualService\n"}, MA,
     "deployment.canary-ramp", "manual-ramp", "mesh/vs.yaml"),
    ("linkerd-split", {"mesh/split.yaml": "apiVersion: split.smi-spec.io/v1alpha2\n"
                                          "kind: TrafficSplit\n"}, MA,
     "deployment.canary-ramp", "manual-ramp", "mesh/split.yaml"),
    ("seldon-canary", {"seldon.yaml": "kind: SeldonDeployment\nspec:\n  predictors:\n"
                                      "  - name: canary\n    traffic: 10\n"}, MA,
     "deployment.canary-ramp", "manual-ramp", "seldon.yaml"),
    ("kserve-canary", {"isvc.yaml": "kind: InferenceService\nspec:\n  predictor:\n"
                                    "    canaryTrafficPercent: 10\n"}, MA,
     "deployment.canary-ramp", "manual-ramp", "isvc.yaml"),
    ("codedeploy", {"template.yaml": "DeploymentPreference:\n  Type: "
                                     "CodeDeployDefault.LambdaCanary10Percent5Minutes\n"}, MA,
     "deployment.canary-ramp", "automated-steps", "template.yaml"),
    ("codedeploy-alarms", {"deploy.tf": 'auto_rollback_configuration {\n  events = '
                                        '["DEPLOYMENT_STOP_ON_ALARM"]\n}\n'}, MA,
     "deployment.automatic-rollback", "partial", "deploy.tf"),
    ("sagemaker-guardrails", {"deploy.py": "config = {'TrafficRoutingConfiguration': "
                                           "{'Type': 'CANARY', 'CanarySize': {}}}\n"}, MA,
     "deployment.canary-ramp", "automated-steps", "deploy.py"),
    ("sagemaker-rollback", {"deploy.py": "policy = {'AutoRollbackConfiguration': "
                                         "{'Alarms': [{'AlarmName': 'errors'}]}}\n"}, MA,
     "deployment.canary-ramp", "automated-guarded", "deploy.py"),
    ("vertex-traffic", {"deploy.py": "endpoint.deploy(model, traffic_split={'0': 90})\n"}, MA,
     "deployment.canary-ramp", "manual-ramp", "deploy.py"),
    ("azureml-traffic", {"release.sh": "az ml online-endpoint update -n fraud --traffic "
                                       "'blue=90 green=10'\n"}, MA,
     "deployment.canary-ramp", "manual-ramp", "release.sh"),
    ("blue-green", {"deploy/rollout.yaml": "kind: Rollout\nspec:\n  strategy:\n    blueGreen:\n"
                                           "      activeService: a\n"}, MA,
     "deployment.blue-green", "partial", "deploy/rollout.yaml"),
    # shadow traffic
    ("istio-mirror", {"mesh/vs.yaml": "kind: VirtualService\nspec:\n  http:\n  - mirror:\n"
                                      "      host: model-v2\n"}, MA,
     "deployment.shadow", "partial", "mesh/vs.yaml"),
    ("seldon-shadow", {"seldon.yaml": "kind: SeldonDeployment\n  predictors:\n  - name: s\n"
                                      "    shadow: true\n"}, MA,
     "deployment.shadow", "partial", "seldon.yaml"),
    ("sagemaker-shadow", {"deploy.py": "client.create_endpoint_config(ShadowProductionVariants"
                                       "=[variant])\n"}, MA,
     "deployment.shadow", "partial", "deploy.py"),
    # pipelines (each tool) and schedules
    *[(f"pipeline-{tool}", {"pipelines/train.py": text}, MA, "production-system.orchestration",
       "partial", "pipelines/train.py") for tool, text in PIPELINE_PY.items()],
    ("azureml-pipeline-yaml", {"pipeline.yml": "type: pipeline\njobs: {}\n"}, MA,
     "production-system.orchestration", "partial", "pipeline.yml"),
    ("kubeflow-google", {"pipelines/train.py": PIPELINE_PY["kubeflow"]}, "google-mlops-levels",
     "orchestration.pipeline", "orchestrated", "pipelines/train.py"),
    ("cron-workflow", {".github/workflows/retrain.yml": "on:\n  schedule:\n"
                                                        "    - cron: '0 3 * * 1'\n"},
     MA, "monitoring.retraining", "pipeline-on-demand", ".github/workflows/retrain.yml"),
    ("airflow-schedule", {"dags/retrain.py": "DAG('retrain', schedule_interval='@weekly')\n"},
     "google-mlops-levels", "triggers.trigger", "schedule_or_data", "dags/retrain.py"),
    ("eventbridge", {"infra/rule.yaml": "Properties:\n  ScheduleExpression: cron(0 3 * * ? *)\n"},
     "azure-mlops-maturity", "model-creation.retraining-trigger", "schedule", "infra/rule.yaml"),
    ("cloud-scheduler", {"infra/scheduler.tf": 'resource "google_cloud_scheduler_job" "r" {}\n'},
     MA, "monitoring.retraining", "pipeline-on-demand", "infra/scheduler.tf"),
    ("k8s-cronjob", {"k8s/retrain.yaml": "apiVersion: batch/v1\nkind: CronJob\n"}, MA,
     "monitoring.retraining", "pipeline-on-demand", "k8s/retrain.yaml"),
    # experiment tracking and registry
    ("mlflow", {"requirements.txt": "mlflow==2.9.2\n"}, MA, "modeling.reproducibility",
     "partial", "requirements.txt"),
    ("mlflow-azure", {"train.py": "import mlflow\nmlflow.autolog()\n"}, "azure-mlops-maturity",
     "model-creation.experiment-tracking", "tracked", "train.py"),
    # a notebook keeps each line of code as a JSON string: '    "import mlflow\n",'
    ("mlflow-notebook", {"train.ipynb": '{"cells": [{"cell_type": "code", "source": [\n'
                                        '    "import mlflow\\n",\n    "mlflow.autolog()"\n'
                                        ']}]}\n'}, "azure-mlops-maturity",
     "model-creation.experiment-tracking", "tracked", "train.ipynb"),
    ("evidently-notebook", {"drift.ipynb": '{"cells": [{"source": [\n'
                                           '    "from evidently import Report\\n"\n]}]}\n'},
     "google-mlops-levels", "monitoring.drift", "partial", "drift.ipynb"),
    ("wandb", {"pyproject.toml": '[project]\ndependencies = [\n  "wandb>=0.16",\n]\n'}, MA,
     "modeling.reproducibility", "partial", "pyproject.toml"),
    ("mlflow-registry", {"train.py": "mlflow.sklearn.log_model(m, 'm', registered_model_name="
                                     "'fraud')\n"}, MA, "modeling.registry", "partial", "train.py"),
    ("sagemaker-registry", {"register.py": "step = RegisterModel(model_package_group_name="
                                           "'fraud')\n"}, MA, "modeling.registry", "partial",
     "register.py"),
    ("vertex-registry", {"upload.py": "aiplatform.Model.upload(display_name='fraud')\n"},
     "google-mlops-levels", "registry.model-registry", "partial", "upload.py"),
    # data validation
    ("great-expectations", {"requirements.txt": "great-expectations==0.18\n"}, MA,
     "data.schema-validation", "manual", "requirements.txt"),
    ("tfdv", {"validate.py": "import tensorflow_data_validation as tfdv\n"}, "ml-test-score",
     "data-1", "manual", "validate.py"),
    ("pandera", {"environment.yml": "dependencies:\n  - pandera=0.18\n"}, MA,
     "data.schema-validation", "manual", "environment.yml"),
    ("deequ", {"build.sbt": 'libraryDependencies += "com.amazon.deequ" % "deequ" % "2.0"\n'},
     MA, "data.schema-validation", "manual", "build.sbt"),
    ("tfx-validator", {"pipeline.py": "validator = ExampleValidator(statistics=s, schema=x)\n"},
     "google-mlops-levels", "validation.data", "automated", "pipeline.py"),
    # monitoring, drift, prediction logging and alerts
    ("evidently", {"requirements.txt": "evidently\n"}, MA, "monitoring.data-drift", "partial",
     "requirements.txt"),
    ("whylogs", {"requirements-monitoring.txt": "whylogs[viz]>=1.3\n"}, MA,
     "monitoring.data-drift", "partial", "requirements-monitoring.txt"),
    ("alibi-detect", {"drift.py": "from alibi_detect.cd import KSDrift\n"}, MA,
     "monitoring.data-drift", "partial", "drift.py"),
    ("nannyml", {"setup.cfg": "[options]\ninstall_requires =\n    nannyml>=0.10\n"}, MA,
     "monitoring.data-drift", "partial", "setup.cfg"),
    ("sagemaker-model-monitor", {"monitor.py": "monitor = DefaultModelMonitor(role=r)\n"},
     "google-mlops-levels", "monitoring.drift", "partial", "monitor.py"),
    ("vertex-monitoring", {"monitor.py": "aiplatform.ModelDeploymentMonitoringJob.create()\n"},
     MA, "monitoring.data-drift", "partial", "monitor.py"),
    ("azureml-drift", {"monitor.yml": "monitoring_signals:\n  drift:\n    type: data_drift\n"},
     MA, "monitoring.data-drift", "partial", "monitor.yml"),
    ("sagemaker-capture", {"deploy.py": "predictor = model.deploy(data_capture_config=capture)\n"},
     MA, "monitoring.prediction-logging", "partial", "deploy.py"),
    ("vertex-logging", {"endpoint.tf": "predict_request_response_logging_config {}\n"
                                       "# enable_request_response_logging\n"}, MA,
     "monitoring.prediction-logging", "partial", "endpoint.tf"),
    ("azureml-collector", {"deployment.yml": "data_collector:\n  collections: {}\n"}, MA,
     "monitoring.prediction-logging", "partial", "deployment.yml"),
    ("prometheus-rules", {"alerts/model.yaml": "groups:\n- name: model\n  rules:\n"
                                               "  - alert: HighLatency\n"}, MA,
     "monitoring.alerting", "partial", "alerts/model.yaml"),
    ("cloudwatch-alarms", {"alarms.tf": 'resource "aws_cloudwatch_metric_alarm" "errors" {}\n'},
     MA, "monitoring.alerting", "partial", "alarms.tf"),
    ("grafana-alerts", {"grafana/alerting.yaml": "groups:\n  - name: m\n    rules:\n"
                                                 "      - uid: a\n        noDataState: "
                                                 "Alerting\n"}, MA,
     "monitoring.alerting", "partial", "grafana/alerting.yaml"),
    # stores and versioning
    ("feast", {"features/feature_store.yaml": "project: fraud\nregistry: r.db\n"}, MA,
     "production-system.feature-parity", "partial", "features/feature_store.yaml"),
    ("feast-online", {"features/feature_store.yaml": "project: fraud\nonline_store:\n"
                                                     "  type: redis\n"},
     "google-mlops-levels", "stores.feature-store", "shared", "features/feature_store.yaml"),
    ("sagemaker-feature-store", {"fs.py": "from sagemaker.feature_store.feature_group import "
                                          "FeatureGroup\n"}, MA,
     "production-system.feature-parity", "partial", "fs.py"),
    ("dvc", {"data/train.csv.dvc": "outs:\n- md5: 1\n"}, MA, "data.versioning", "partial",
     "data/train.csv.dvc"),
    ("lakefs", {"conf/data.yaml": "source: lakefs://repo/main/train/\n"},
     "azure-mlops-maturity", "model-creation.traceability", "partial", "conf/data.yaml"),
]


@pytest.mark.parametrize("family, files, rid, question, answer, cited", CASES,
                         ids=[c[0] for c in CASES])
def test_each_family_is_found(tmp_path, family, files, rid, question, answer, cited):
    result = scan_repository(build(tmp_path, files), rubric(rid))
    p = result.proposal(question)
    assert p is not None, f"{family}: nothing proposed for {question}"
    assert p.answer == answer
    assert cited in [h.path for h in p.hits]
    degree = rubric(rid).automation.question if rubric(rid).automation else None
    assert result.proposal(degree) is None  # who decides is never proposed


@pytest.mark.parametrize("rid", [MA, "ml-test-score", "google-mlops-levels",
                                 "azure-mlops-maturity"])
def test_an_ordinary_repository_proposes_nothing_by_accident(tmp_path, rid):
    build(tmp_path, {"README.md": "# A model\nWe plan to use MLflow, Airflow and Argo.\n",
                     "src/model.py": "import numpy as np\n\ndef predict(x):\n    return x\n",
                     "config.yaml": "learning_rate: 0.1\nlimits: none\n",
                     "requirements.txt": "numpy\nscikit-learn\n"})
    assert scan_repository(tmp_path, rubric(rid)).proposals == ()


def test_every_bundled_rubric_has_detectors_and_none_on_the_degree_question():
    for rid in (MA, "ml-test-score", "google-mlops-levels", "azure-mlops-maturity"):
        r = rubric(rid)
        assert sum(len(q.detectors) for q in r.questions) >= 5, rid
        if r.automation:
            assert not r.question(r.automation.question).detectors


# ── the RE2 gate: one pass that says which expressions may match, never hiding one ──

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from mlops_maturity.scan.compiled import compile_rubric  # noqa: E402
from mlops_maturity.scan.plan import ContentIndex  # noqa: E402

LINES = sorted({line for case in CASES for body in case[1].values()
                for line in (body if isinstance(body, str) else "").splitlines()})
NOISE = ["", "  ", "\t", "x = 1", "# comment", "kind:", "import", "-", "é", "\x0b", "mlflowx",
         "  traffic: ", "schedule_interval="]


@pytest.mark.parametrize("rid", [MA, "google-mlops-levels", "azure-mlops-maturity"])
@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.sampled_from(LINES + NOISE), max_size=12),
       name=st.sampled_from(["a.py", "k8s/d.yaml", "t.tf", "deploy.json", "requirements.txt",
                             ".github/workflows/ci.yml", "release.sh", "pyproject.toml"]))
def test_the_re2_gate_never_hides_a_match(rid, lines, name):
    searcher = ContentIndex(compile_rubric(rubric(rid))).searcher(name, name.rsplit("/")[-1])
    if searcher is None:
        return
    text = "\n".join(lines) + "\n"
    gated = {id(m) for m in searcher.candidates(text.encode())}
    exact = {id(m) for m in searcher.matchers if m.regex.search(text)}
    assert exact <= gated
