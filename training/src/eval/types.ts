// Types of the COCO box evaluation: ground truth and detections in COCO JSON terms (bbox =
// [x, y, width, height] in image pixels) and the summary the pipeline stores with a version.

export type BBox = readonly [x: number, y: number, width: number, height: number];

export interface GroundTruthBox {
  readonly imageId: number;
  readonly categoryId: number;
  readonly bbox: BBox;
  /** COCO `area` (segmentation area); defaults to width × height for box-only datasets. */
  readonly area?: number;
}

export interface DetectionBox {
  readonly imageId: number;
  readonly categoryId: number;
  readonly bbox: BBox;
  readonly score: number;
}

export interface Category {
  readonly id: number;
  readonly name: string;
}

export type AreaRangeName = 'all' | 'small' | 'medium' | 'large';

export interface EvalParams {
  /** IoU thresholds (.50:.05:.95 in COCO). */
  readonly iouThresholds: readonly number[];
  /** Recall points at which interpolated precision is sampled (101 in COCO). */
  readonly recallThresholds: readonly number[];
  /** Detections kept per image and category, highest scores first (100 in COCO). */
  readonly maxDets: number;
  readonly areaRanges: Readonly<Record<AreaRangeName, readonly [number, number]>>;
}

/** A precision-recall curve: precision at each recall threshold (-1 where undefined). */
export interface PrCurve {
  readonly recall: readonly number[];
  readonly precision: readonly number[];
}

export interface ClassResult {
  readonly categoryId: number;
  readonly name: string;
  /** Number of ground-truth boxes of this class (area range 'all'). */
  readonly groundTruth: number;
  /** AP over IoU .50:.95; -1 when the class has no ground truth. */
  readonly ap: number;
  readonly ap50: number;
  readonly ap75: number;
  /** Interpolated PR curves at IoU .50 and .75 (area 'all', maxDets). */
  readonly curve50: PrCurve;
  readonly curve75: PrCurve;
}

/** COCO summary metrics; -1 means "no ground truth in this slice", as in pycocotools. */
export interface EvalSummary {
  readonly AP: number;
  readonly AP50: number;
  readonly AP75: number;
  readonly APsmall: number;
  readonly APmedium: number;
  readonly APlarge: number;
  /** Average recall at maxDets over IoU .50:.95. */
  readonly AR: number;
  readonly ARsmall: number;
  readonly ARmedium: number;
  readonly ARlarge: number;
}

export interface EvalResult {
  readonly summary: EvalSummary;
  readonly perClass: readonly ClassResult[];
  readonly params: EvalParams;
  readonly images: number;
  readonly detections: number;
}
