import { computeLetterbox, unletterboxBox } from '../../../core/detection/letterbox';

describe('letterbox', () => {
  it('keeps the aspect ratio of a wide image and pads top and bottom equally', () => {
    const lb = computeLetterbox(1000, 500, 512, 512);
    expect([lb.resizedWidth, lb.resizedHeight]).toEqual([512, 256]);
    expect([lb.padLeft, lb.padRight, lb.padTop, lb.padBottom]).toEqual([0, 0, 128, 128]);
  });

  it('pads odd remainders so the result is exactly the input size', () => {
    const lb = computeLetterbox(601, 1000, 512, 512);
    expect(lb.resizedWidth + lb.padLeft + lb.padRight).toBe(512);
    expect(lb.resizedHeight + lb.padTop + lb.padBottom).toBe(512);
  });

  it('maps a box in model-input pixels back to original pixels', () => {
    const lb = computeLetterbox(1000, 500, 512, 512);
    // Input-space box covering the resized image area = the whole original image.
    const box = unletterboxBox(lb, 0, 128, 512, 384);
    expect(box.x).toBeCloseTo(0);
    expect(box.y).toBeCloseTo(0);
    expect(box.width).toBeCloseTo(1000);
    expect(box.height).toBeCloseTo(500);
  });

  it('clips boxes reaching into the padding and normalises swapped corners', () => {
    const lb = computeLetterbox(1000, 500, 512, 512);
    const box = unletterboxBox(lb, 256, 400, 128, 0);
    expect(box.y).toBe(0);
    expect(box.y + box.height).toBe(500);
    expect(box.x).toBeCloseTo(250);
    expect(box.width).toBeCloseTo(250);
  });

  it('rejects empty images', () => {
    expect(() => computeLetterbox(0, 10, 512, 512)).toThrow(/positive/);
  });
});
