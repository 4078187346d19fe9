// Prometheus metric names exported by the services, defined once: the services register them,
// the alerting rules and dashboards query them, and a test checks the two sides agree.

export const SERVING_METRICS = {
  httpRequests: 'mlops_serving_http_requests_total',
  httpDuration: 'mlops_serving_http_request_duration_seconds',
  inferenceDuration: 'mlops_serving_inference_duration_seconds',
  batchSize: 'mlops_serving_batch_size',
  queueDepth: 'mlops_serving_queue_depth',
  shedRequests: 'mlops_serving_shed_requests_total',
  modelLoadDuration: 'mlops_serving_model_load_duration_seconds',
  modelLoadFailures: 'mlops_serving_model_load_failures_total',
  modelInfo: 'mlops_serving_model_version_info',
  detections: 'mlops_serving_detections_total',
  scores: 'mlops_serving_detection_score',
  imagePixels: 'mlops_serving_input_image_pixels',
  imageAspect: 'mlops_serving_input_image_aspect_ratio',
  shadowRequests: 'mlops_serving_shadow_requests_total',
  /** Drift of live traffic against the version's baseline, per signal (0 = identical). */
  driftScore: 'mlops_serving_drift_score',
  /** Observations in the current drift window, per model version. */
  driftWindowSamples: 'mlops_serving_drift_window_samples',
  /** TensorFlow.js tensors alive in the process (flat under steady traffic; a leak grows it). */
  tfTensors: 'mlops_serving_tf_tensors',
  /** The registry disagreed with what a replica serves (see ModelManager's SyncAnomaly). */
  registrySyncAnomalies: 'mlops_serving_registry_sync_anomalies_total',
  /** Main-thread event-loop delay (quantiles over the last minute): HTTP's responsiveness. */
  eventLoopDelay: 'mlops_serving_event_loop_delay_seconds',
  /** Inference threads replaced after a crash, an exit or a stalled model call. */
  engineRestarts: 'mlops_serving_inference_thread_restarts_total',
} as const;

/** Pushed by training runs (Pushgateway) or exported by the trigger webhook. */
export const TRAINING_METRICS = {
  runs: 'mlops_training_runs_total',
  runDuration: 'mlops_training_run_duration_seconds',
  lastSuccess: 'mlops_training_last_success_timestamp_seconds',
  lastPromotion: 'mlops_training_last_promotion_timestamp_seconds',
  imagesPerSecond: 'mlops_training_images_per_second',
  evalAP: 'mlops_training_eval_ap',
  triggers: 'mlops_training_triggers_total',
} as const;

/** The drift signals serving computes; each is a label value of the drift score. */
export const DRIFT_SIGNALS = [
  'class_distribution',
  'score_distribution',
  'image_size',
  'aspect_ratio',
  'brightness',
] as const;
export type DriftSignal = (typeof DRIFT_SIGNALS)[number];

/** Signals describing the model's outputs (prediction drift) vs its inputs (input drift). */
export const PREDICTION_DRIFT_SIGNALS: readonly DriftSignal[] = [
  'class_distribution',
  'score_distribution',
];
export const INPUT_DRIFT_SIGNALS: readonly DriftSignal[] = [
  'image_size',
  'aspect_ratio',
  'brightness',
];
