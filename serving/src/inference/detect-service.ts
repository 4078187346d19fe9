// The one inference path every API (native, TF Serving, KServe v2) goes through: admit or shed
// the request as a whole, route it to one version, decode + letterbox its images, queue/batch,
// record metrics, mirror to a shadow version. A multi-image request takes one admission decision
// and is served by one version, which every result reports.
import { badRequest, httpErrorOfImage, overloaded } from '../errors';
import type { DriftMonitor } from '../drift/drift-monitor';
import { meanLuma } from '../../../core/detection/brightness';
import { prepareImage, type PreparedImage } from '../../../core/detection/decode';
import type { LoadedVersion } from '../manager/loaded-version';
import type { ModelManager } from '../manager/model-manager';
import type { RouteRequest } from '../manager/routing';
import type { ShadowRecorder } from '../manager/shadow-recorder';
import type { ServingMetrics } from '../metrics';
import type { Detection, DetectOptions } from '../../../core/detection/postprocess';
import type { InferenceScheduler, JobResult } from './scheduler';

export interface DetectRequest extends RouteRequest {
  readonly model: string;
  readonly image: Buffer;
  readonly threshold?: number;
  readonly maxDetections?: number;
}

/** Several images answered as one request (TF Serving instances, OIP batches). */
export interface DetectManyRequest extends Omit<DetectRequest, 'image'> {
  readonly images: readonly Buffer[];
}

export interface DetectResponse {
  readonly model: { readonly name: string; readonly version: number };
  readonly image: { readonly width: number; readonly height: number };
  readonly detections: Detection[];
  readonly timings: {
    decodeMs: number;
    queueMs: number;
    inferenceMs: number;
    totalMs: number;
    batchSize: number;
  };
}

export interface DetectServiceDeps {
  readonly manager: ModelManager;
  readonly scheduler: InferenceScheduler;
  readonly metrics: ServingMetrics;
  readonly shadows: ShadowRecorder;
  /** Compares live traffic with each version's baseline; absent in tests that don't need it. */
  readonly drift?: DriftMonitor;
  readonly maxImagePixels: number;
  readonly requestTimeoutMs: number;
  /**
   * Admission limit: detect requests past this many in progress (decoding, queued or running)
   * are shed at once with 503, so image decoding cannot pile up ahead of the bounded queue.
   */
  readonly maxInFlight?: number;
  readonly log?: (msg: string, err: unknown) => void;
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export class DetectService {
  private inFlight = 0;

  constructor(private readonly deps: DetectServiceDeps) {}

  async detect(req: DetectRequest): Promise<DetectResponse> {
    const { image, ...rest } = req;
    return (await this.detectMany({ ...rest, images: [image] }))[0]!;
  }

  async detectMany(req: DetectManyRequest): Promise<DetectResponse[]> {
    const n = req.images.length;
    const max = this.deps.maxInFlight;
    // Admitted as a whole; an oversized request still runs on an idle server.
    if (max !== undefined && this.inFlight > 0 && this.inFlight + n > max) throw overloaded(1);
    this.inFlight += n;
    try {
      return await this.run(req);
    } finally {
      this.inFlight -= n;
    }
  }

  private async run(req: DetectManyRequest): Promise<DetectResponse[]> {
    const started = performance.now();
    const { primary, shadow } = this.deps.manager.acquire(req.model, req);
    try {
      const model = primary.model;
      const options = this.options(model, req);
      const images = await Promise.all(
        req.images.map((body) =>
          prepareImage(body, {
            ...model.metadata.processing,
            maxPixels: this.deps.maxImagePixels,
          }).catch((err: unknown) => {
            throw httpErrorOfImage(err);
          }),
        ),
      );
      const decodeMs = performance.now() - started;
      const results = await this.deps.scheduler.submitAll(
        model.detector,
        model.tag,
        images,
        options,
        this.deps.requestTimeoutMs,
      );
      return images.map((image, i) => {
        const r = results[i]!;
        // The shadow runs after the served answer, in the background queue: it never delays one.
        if (shadow) {
          this.mirror(req, shadow.model, model.version, image, options, r.detections);
        }
        return this.respond(model, image, r, decodeMs, started);
      });
    } finally {
      shadow?.release();
      primary.release();
    }
  }

  private respond(
    model: LoadedVersion,
    image: PreparedImage,
    r: JobResult,
    decodeMs: number,
    started: number,
  ): DetectResponse {
    const { srcWidth: width, srcHeight: height } = image.letterbox;
    this.deps.metrics.imagePixels.observe(width * height);
    this.deps.metrics.imageAspect.observe(width / height);
    const labels = { model: model.name, version: String(model.version) };
    for (const d of r.detections) {
      this.deps.metrics.detections.inc({ ...labels, class: d.label });
      this.deps.metrics.scores.observe(labels, d.score);
    }
    if (this.deps.drift && model.metadata.baseline) {
      this.deps.drift.observe(model.name, model.version, model.metadata.baseline, {
        width,
        height,
        brightness: meanLuma(image.pixels, model.metadata.processing.inputWidth, image.letterbox),
        classIds: r.detections.map((d) => d.classId),
        scores: r.detections.map((d) => d.score),
      });
    }
    return {
      model: { name: model.name, version: model.version },
      image: { width, height },
      detections: r.detections,
      timings: {
        decodeMs: round(decodeMs),
        queueMs: round(r.queueMs),
        inferenceMs: round(r.inferenceMs),
        totalMs: round(performance.now() - started),
        batchSize: r.batchSize,
      },
    };
  }

  private options(model: LoadedVersion, req: DetectManyRequest): DetectOptions {
    const p = model.metadata.processing;
    if (req.threshold !== undefined && !(req.threshold >= 0 && req.threshold <= 1)) {
      throw badRequest('threshold must be a number between 0 and 1');
    }
    if (
      req.maxDetections !== undefined &&
      !(Number.isInteger(req.maxDetections) && req.maxDetections >= 1 && req.maxDetections <= 1000)
    ) {
      throw badRequest('maxDetections must be an integer between 1 and 1000');
    }
    return {
      scoreThreshold: req.threshold ?? p.scoreThreshold,
      iouThreshold: p.iouThreshold,
      maxDetections: req.maxDetections ?? p.maxDetections,
    };
  }

  // Fire-and-forget: the shadow's answer (or failure, or its being shed) is recorded, never
  // returned or awaited. It holds its own lease on the shadow version until it is done.
  private mirror(
    req: DetectManyRequest,
    shadow: LoadedVersion,
    servedVersion: number,
    image: PreparedImage,
    options: DetectOptions,
    served: Detection[],
  ): void {
    const { scheduler, shadows, metrics, requestTimeoutMs } = this.deps;
    const labels = { model: shadow.name, version: String(shadow.version) };
    const record = { model: req.model, servedVersion, shadowVersion: shadow.version };
    const release = shadow.acquire();
    void scheduler
      .submit(shadow.detector, shadow.tag, image, options, requestTimeoutMs, true)
      .then((r) => {
        shadows.record({ at: new Date().toISOString(), ...record, served, shadow: r.detections });
        metrics.shadowRequests.inc({ ...labels, outcome: 'ok' });
      })
      .catch((err: unknown) => {
        shadows.record({
          at: new Date().toISOString(),
          ...record,
          served: [],
          shadow: [],
          error: err instanceof Error ? err.message : String(err),
        });
        metrics.shadowRequests.inc({ ...labels, outcome: 'error' });
      })
      .finally(release);
  }
}
