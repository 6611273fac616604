import type { Example } from "./types";

export const airflowBackup: Example = {
  slug: "airflow-backup",
  title: "Airflow nightly backup",
  description: "Dump two databases in parallel, compress, upload to object storage, verify and report.",
  framework: "Apache Airflow",
  dialect: "airflow",
  code: `import pendulum

from airflow.models.dag import DAG
from airflow.operators.bash import BashOperator
from airflow.operators.empty import EmptyOperator
from airflow.operators.python import PythonOperator


def verify_archive(**context):
    """Check that the uploaded archive is readable and not empty."""
    key = context["ti"].xcom_pull(task_ids="upload")
    print(f"verifying {key}")


def send_report(**context):
    print("backup finished for", context["ds"])


with DAG(
    dag_id="nightly_backup",
    description="Back up the production databases every night",
    schedule="0 2 * * *",
    start_date=pendulum.datetime(2026, 1, 1, tz="UTC"),
    catchup=False,
    tags=["ops", "backup"],
) as dag:
    start = EmptyOperator(task_id="start")

    dump_orders = BashOperator(
        task_id="dump_orders",
        bash_command="pg_dump orders > /backups/orders.sql",
    )
    dump_users = BashOperator(
        task_id="dump_users",
        bash_command="pg_dump users > /backups/users.sql",
    )
    compress = BashOperator(
        task_id="compress",
        bash_command="tar czf /backups/{{ ds }}.tar.gz /backups/*.sql",
    )
    upload = BashOperator(
        task_id="upload",
        bash_command="aws s3 cp /backups/{{ ds }}.tar.gz s3://backups/",
    )
    verify = PythonOperator(task_id="verify", python_callable=verify_archive)
    cleanup = BashOperator(task_id="cleanup", bash_command="rm -f /backups/*.sql")
    report = PythonOperator(task_id="report", python_callable=send_report)

    start >> [dump_orders, dump_users] >> compress >> upload
    upload >> [verify, cleanup]
    [verify, cleanup] >> report
`,
};
