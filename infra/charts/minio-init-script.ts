// The MinIO init Job's shell script: wait for the server, create the bucket, create (or update)
// the application user with a policy limited to that bucket. Safe to run any number of times.

/** Script for `sh -c`; reads MINIO_ENDPOINT, BUCKET, MINIO_ROOT_*, APP_ACCESS_KEY/APP_SECRET_KEY. */
export function bucketInitScript(): string {
  const policy = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: ['s3:ListBucket', 's3:GetBucketLocation'],
        Resource: ['arn:aws:s3:::BUCKET'],
      },
      {
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 's3:AbortMultipartUpload'],
        Resource: ['arn:aws:s3:::BUCKET/*'],
      },
    ],
  });
  return [
    'set -eu',
    'until mc alias set platform "$MINIO_ENDPOINT" "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD" >/dev/null; do',
    '  echo "waiting for $MINIO_ENDPOINT"; sleep 3',
    'done',
    'mc mb --ignore-existing "platform/$BUCKET"',
    'mc version enable "platform/$BUCKET"',
    `printf '%s' '${policy}' | sed "s/BUCKET/$BUCKET/g" > /tmp/policy.json`,
    'mc admin policy create platform mlops-app /tmp/policy.json',
    'mc admin user add platform "$APP_ACCESS_KEY" "$APP_SECRET_KEY"',
    'mc admin policy attach platform mlops-app --user "$APP_ACCESS_KEY" 2>/dev/null || true',
    'echo "bucket $BUCKET and application user ready"',
  ].join('\n');
}
