/**
 * Which imported names are a script's own steps. A call of a name imported from one of the project's modules
 * (`from tasks.extract import get_data` … `get_data(SRC)`, `import etl` … `etl.load(df)`) is a step, like a call of a
 * function defined in the file; calls into the standard library or a well-known third-party library (`json.dump`,
 * `os.path.join`, `pd.read_csv`, `requests.get`) are not, nor are class instantiations (`Config(...)`). See
 * docs/decisions/025-plain-python-steps.md.
 */
import type { SyntaxNode } from "@lezer/common";
import type { Ctx } from "../context";
import { dottedName } from "../syntax";

/** CPython 3.11's `sys.stdlib_module_names` without the private `_` modules, plus `__future__`. */
const STDLIB = new Set(
  (
    "__future__ abc aifc antigravity argparse array ast asynchat asyncio asyncore atexit audioop base64 bdb binascii " +
    "bisect builtins bz2 cProfile calendar cgi cgitb chunk cmath cmd code codecs codeop collections colorsys compileall " +
    "concurrent configparser contextlib contextvars copy copyreg crypt csv ctypes curses dataclasses datetime dbm " +
    "decimal difflib dis distutils doctest email encodings ensurepip enum errno faulthandler fcntl filecmp fileinput " +
    "fnmatch fractions ftplib functools gc genericpath getopt getpass gettext glob graphlib grp gzip hashlib heapq hmac " +
    "html http idlelib imaplib imghdr imp importlib inspect io ipaddress itertools json keyword lib2to3 linecache " +
    "locale logging lzma mailbox mailcap marshal math mimetypes mmap modulefinder msilib msvcrt multiprocessing netrc " +
    "nis nntplib nt ntpath nturl2path numbers opcode operator optparse os ossaudiodev pathlib pdb pickle pickletools " +
    "pipes pkgutil platform plistlib poplib posix posixpath pprint profile pstats pty pwd py_compile pyclbr pydoc " +
    "pydoc_data pyexpat queue quopri random re readline reprlib resource rlcompleter runpy sched secrets select " +
    "selectors shelve shlex shutil signal site smtpd smtplib sndhdr socket socketserver spwd sqlite3 sre_compile " +
    "sre_constants sre_parse ssl stat statistics string stringprep struct subprocess sunau symtable sys sysconfig " +
    "syslog tabnanny tarfile telnetlib tempfile termios textwrap this threading time timeit tkinter token tokenize " +
    "tomllib trace traceback tracemalloc tty turtle turtledemo types typing unicodedata unittest urllib uu uuid venv " +
    "warnings wave weakref webbrowser winreg winsound wsgiref xdrlib xml xmlrpc zipapp zipfile zipimport zlib zoneinfo"
  ).split(" "),
);

/**
 * Third-party libraries common in data and workflow scripts (by import name). A name missing here is read as a
 * project module: an unlisted library's calls would be drawn as steps, so the list errs on the side of breadth.
 */
const LIBRARIES = new Set(
  (
    // data frames, arrays, science, plotting
    "numpy pandas polars pyarrow scipy sklearn statsmodels matplotlib seaborn plotly bokeh altair xarray dask " +
    "modin vaex numba sympy networkx h5py tables zarr netCDF4 shapely geopandas pyproj rasterio fiona " +
    // machine learning and language models
    "torch torchvision tensorflow keras jax flax transformers datasets tokenizers sentence_transformers xgboost " +
    "lightgbm catboost optuna mlflow wandb joblib nltk spacy gensim tiktoken openai anthropic langchain " +
    "langchain_core langchain_community langchain_openai llama_index cv2 PIL skimage imageio " +
    // storage, databases, clouds, queues
    "sqlalchemy sqlmodel alembic psycopg2 psycopg pymysql mysql pyodbc cx_Oracle oracledb pymssql duckdb " +
    "snowflake clickhouse_driver redis pymongo motor elasticsearch opensearchpy cassandra boto3 botocore " +
    "aiobotocore s3fs gcsfs adlfs fsspec smart_open google azure kafka confluent_kafka pika celery kombu " +
    "deltalake pyiceberg pyspark delta great_expectations pandera dbt " +
    // web, http, scraping
    "requests httpx aiohttp urllib3 certifi websockets bs4 lxml scrapy selenium playwright feedparser " +
    "fastapi flask django starlette uvicorn gunicorn jinja2 markdown " +
    // files and formats
    "yaml ruamel toml tomli tomlkit dotenv orjson ujson simplejson msgpack avro fastavro openpyxl xlrd " +
    "xlsxwriter docx pptx reportlab fitz pdfplumber PyPDF2 pypdf camelot tabula chardet charset_normalizer " +
    // command line, logging, output
    "click typer rich tqdm loguru structlog colorama tabulate humanize sentry_sdk prometheus_client " +
    // validation, typing, utilities
    "pydantic pydantic_settings attr attrs marshmallow cerberus jsonschema dateutil pytz pendulum arrow " +
    "tenacity backoff retry ratelimit cachetools diskcache more_itertools toolz cytoolz funcy six regex " +
    "rapidfuzz unidecode faker hypothesis pytest mock schedule apscheduler " +
    // services and infrastructure
    "paramiko fabric docker kubernetes slack_sdk twilio sendgrid stripe gspread googleapiclient jwt " +
    "cryptography nacl bcrypt passlib " +
    // workflow frameworks (their own calls are never a script's steps)
    "prefect dagster airflow kedro langgraph luigi metaflow flytekit zenml"
  ).split(" "),
);

/** True for a module of the standard library or a well-known library (by its top-level package). */
export function isLibraryModule(qualified: string): boolean {
  const root = qualified.split(".")[0] ?? "";
  return STDLIB.has(root) || LIBRARIES.has(root);
}

/** A class, by the naming convention (`DataLoader`, `Config`): instantiating one is not a step. */
function looksLikeClass(name: string): boolean {
  return /^_*[A-Z]/.test(name) && name !== name.toUpperCase();
}

export interface ImportedStep {
  /** The name as the script writes it: `get_data`, `etl.load`. */
  label: string;
  /** The fully qualified name (`tasks.extract.get_data`). */
  qualified: string;
}

/**
 * The imported step a callee (or a function reference such as `df.pipe(etl.clean)`) names, or null: a bare name or
 * a dotted name whose first part was imported from a project module, and none of whose parts is a class.
 * `shadowed` tells whether the script rebinds the first name locally (then it is not the import).
 */
export function importedStep(ctx: Ctx, node: SyntaxNode, shadowed?: (name: string) => boolean): ImportedStep | null {
  const dotted = dottedName(ctx.code, node);
  if (!dotted) return null;
  const parts = dotted.split(".");
  const root = parts[0] ?? "";
  const qualifiedRoot = ctx.index.importedAs.get(root);
  if (!qualifiedRoot || isLibraryModule(qualifiedRoot)) return null;
  if (shadowed?.(root) || ctx.fn(root)) return null;
  // Modules are lower-case (PEP 8): `Settings.load()`, `Client(...)` and `etl.Loader()` are classes at work.
  if (parts.some(looksLikeClass)) return null;
  const qualified = [qualifiedRoot, ...parts.slice(1)].join(".");
  return { label: dotted, qualified };
}
