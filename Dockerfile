# One image for the api, worker and beat services of docker-compose.yml (they differ by command only).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

WORKDIR /app
RUN useradd --create-home --uid 10001 raqib

# Dependencies first so that code changes do not reinstall them. The install is editable so that the code,
# models/ and var/ are found under /app (Settings locates them relative to the source tree).
COPY pyproject.toml README.md ./
COPY service/__init__.py service/__init__.py
COPY training/__init__.py training/__init__.py
# Without the `training` extra: no pandas, matplotlib or openpyxl in the serving image (the service never
# imports training/; `raqib models list|rollback|shadow` still work here, training and the gate do not).
RUN pip install --upgrade pip && pip install -e .

COPY service service
COPY training training
COPY models models
RUN mkdir -p /app/var/metrics && chown -R raqib /app/var

USER raqib
EXPOSE 8000
# The api service; worker and beat override the command in docker-compose.yml.
CMD ["uvicorn", "service.app:create_app", "--factory", "--host", "0.0.0.0", "--port", "8000", "--no-access-log", "--no-proxy-headers"]
