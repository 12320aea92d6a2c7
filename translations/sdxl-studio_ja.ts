<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="ja_JP">
<context>
    <name>DeviceDefaults</name>
    <message>
        <source>Settings for this GPU: 1024×1024, 30 steps, fp16 with SDPA (SDXL's own size).</source>
        <translation>この GPU 向けの設定: 1024×1024、30 ステップ、fp16 と SDPA (SDXL 本来のサイズ)。</translation>
    </message>
    <message>
        <source>Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, bf16 because this CPU multiplies it natively.</source>
        <translation>GPU のないこのコンピューター向けの設定: 1 回を数分に収めるため 512×512、20 ステップ。この CPU は bf16 をネイティブに計算できるため bf16。</translation>
    </message>
    <message>
        <source>Settings for this computer without a GPU: 512×512 and 20 steps to keep a run to minutes, fp32 because this CPU has no fast fp16 or bf16 arithmetic.</source>
        <translation>GPU のないこのコンピューター向けの設定: 1 回を数分に収めるため 512×512、20 ステップ。この CPU には高速な fp16 / bf16 演算がないため fp32。</translation>
    </message>
</context>
<context>
    <name>DeviceStatus</name>
    <message>
        <source>LibTorch found no CUDA device.</source>
        <translation>LibTorch が CUDA デバイスを見つけられませんでした。</translation>
    </message>
    <message>
        <source>This is the CPU-only build of SDXL Studio: it runs on the CPU. Install the CUDA package to use an NVIDIA GPU.</source>
        <translation>これは SDXL Studio の CPU 専用版で、CPU で動作します。NVIDIA GPU を使うには CUDA 版のパッケージをインストールしてください。</translation>
    </message>
    <message>
        <source>No NVIDIA driver is installed, so SDXL Studio runs on the CPU (minutes per image instead of seconds). To use an NVIDIA GPU, install its driver, version %1 or newer.</source>
        <translation>NVIDIA ドライバーがインストールされていないため、SDXL Studio は CPU で動作します (1 枚に数秒ではなく数分かかります)。NVIDIA GPU を使うには、バージョン %1 以降のドライバーをインストールしてください。</translation>
    </message>
    <message>
        <source>The NVIDIA driver supports CUDA %1, older than the CUDA %2 this build needs, so SDXL Studio runs on the CPU (minutes per image instead of seconds). Update the driver to version %3 or newer.</source>
        <translation>NVIDIA ドライバーが対応する CUDA は %1 で、このビルドに必要な CUDA %2 より古いため、SDXL Studio は CPU で動作します (1 枚に数秒ではなく数分かかります)。ドライバーをバージョン %3 以降に更新してください。</translation>
    </message>
    <message>
        <source>The NVIDIA driver is installed but no NVIDIA GPU is visible to this program (check the card, CUDA_VISIBLE_DEVICES, or a container's access to the GPU), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</source>
        <translation>NVIDIA ドライバーはインストールされていますが、このプログラムから NVIDIA GPU が見えないため (カード、CUDA_VISIBLE_DEVICES、コンテナーの GPU へのアクセスを確認してください)、SDXL Studio は CPU で動作します (1 枚に数秒ではなく数分かかります)。</translation>
    </message>
    <message>
        <source>The GPU could not be used (%1), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</source>
        <translation>GPU を使えなかったため (%1)、SDXL Studio は CPU で動作します (1 枚に数秒ではなく数分かかります)。</translation>
    </message>
    <message>
        <source>CUDA %1 (driver supports %2), %3 device(s)</source>
        <translation>CUDA %1 (ドライバーの対応: %2)、デバイス %3 台</translation>
    </message>
    <message>
        <source>CPU only: %1</source>
        <translation>CPU のみ: %1</translation>
    </message>
    <message>
        <source>GPU: %1</source>
        <translation>GPU: %1</translation>
    </message>
    <message>
        <source>CPU only</source>
        <translation>CPU のみ</translation>
    </message>
    <message>
        <source>The %1 (compute capability %2) is older than the GPUs this build is made for (Ampere, Ada and Hopper: 8.0 or newer), so SDXL Studio runs on the CPU (minutes per image instead of seconds).</source>
        <translation>%1 (compute capability %2) はこのビルドの対象 (Ampere、Ada、Hopper: 8.0 以降) より古い GPU のため、SDXL Studio は CPU で動作します (1 枚に数秒ではなく数分かかります)。</translation>
    </message>
</context>
<context>
    <name>GridAxes</name>
    <message>
        <source>Prompt S/R</source>
        <translation>プロンプト置換</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Steps</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>CFG scale</source>
        <translation>CFG スケール</translation>
    </message>
    <message>
        <source>Sampler</source>
        <translation>サンプラー</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>チェックポイント</translation>
    </message>
    <message>
        <source>LoRA weight</source>
        <translation>LoRA の重み</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>最適化</translation>
    </message>
</context>
<context>
    <name>ModelChoice</name>
    <message>
        <source>Built-in tiny model (random weights)</source>
        <translation>内蔵の極小モデル (ランダムな重み)</translation>
    </message>
    <message>
        <source>Built-in SDXL-size model (random weights)</source>
        <translation>内蔵の SDXL サイズのモデル (ランダムな重み)</translation>
    </message>
</context>
<context>
    <name>Switches</name>
    <message>
        <source>compile (CUDA graphs)</source>
        <translation>コンパイル (CUDA グラフ)</translation>
    </message>
    <message>
        <source>VAE slicing</source>
        <translation>VAEスライス</translation>
    </message>
    <message>
        <source>VAE tiling</source>
        <translation>VAEタイル</translation>
    </message>
    <message>
        <source>cached prompt embeddings</source>
        <translation>プロンプト埋め込みのキャッシュ</translation>
    </message>
    <message>
        <source>text encoders freed</source>
        <translation>テキストエンコーダーを解放</translation>
    </message>
    <message>
        <source>Tiny AutoEncoder</source>
        <translation>Tiny AutoEncoder</translation>
    </message>
    <message>
        <source>VAE in fp32</source>
        <translation>VAE を fp32 で</translation>
    </message>
    <message>
        <source>FP8 products</source>
        <translation>FP8 演算</translation>
    </message>
    <message>
        <source>step cache</source>
        <translation>ステップキャッシュ</translation>
    </message>
    <message>
        <source>guidance cut-off</source>
        <translation>ガイダンスカットオフ</translation>
    </message>
    <message>
        <source>every %1 steps</source>
        <translation>%1 ステップごと</translation>
    </message>
    <message>
        <source>after %1% of the steps</source>
        <translation>ステップの %1% 以降</translation>
    </message>
    <message>
        <source>default attention</source>
        <translation>標準アテンション</translation>
    </message>
    <message>
        <source>model offload</source>
        <translation>モデルオフロード</translation>
    </message>
    <message>
        <source>sequential offload</source>
        <translation>シーケンシャルオフロード</translation>
    </message>
    <message>
        <source>Approximate: %1</source>
        <translation>近似: %1</translation>
    </message>
</context>
<context>
    <name>sdxl</name>
    <message>
        <source>generation cancelled</source>
        <translation>生成をキャンセルしました</translation>
    </message>
    <message>
        <source>%1 is not a refiner (it has both text encoders). Choose an SDXL refiner (stable-diffusion-xl-refiner-1.0), or no refiner.</source>
        <translation>%1 はリファイナーではありません (テキストエンコーダーを2つ持っています)。SDXL のリファイナー (stable-diffusion-xl-refiner-1.0) を選ぶか、リファイナーなしにしてください。</translation>
    </message>
    <message>
        <source>CUDA was asked for, but no CUDA device is available</source>
        <translation>CUDA が指定されましたが、使える CUDA デバイスがありません</translation>
    </message>
    <message>
        <source>the GPU ran out of memory. Try fewer images, a smaller size, fp16 or bf16, VAE slicing or tiling, the Tiny AutoEncoder, or CPU offload. (%1)</source>
        <translation>GPU のメモリが足りなくなりました。枚数を減らす、サイズを小さくする、fp16 か bf16、VAE のスライスかタイル、Tiny AutoEncoder、CPU オフロードを試してください。(%1)</translation>
    </message>
    <message>
        <source>the computer ran out of memory (RAM). Try fewer images, a smaller size, bf16 instead of fp32, VAE slicing or tiling, or close other programs.%1</source>
        <translation>コンピューターのメモリ (RAM) が足りなくなりました。枚数を減らす、サイズを小さくする、fp32 の代わりに bf16、VAE のスライスかタイルを試すか、ほかのプログラムを閉じてください。%1</translation>
    </message>
    <message>
        <source>the refiner's switch point comes before the first step the strength leaves: raise the switch point or the strength</source>
        <translation>リファイナーの切り替え位置が、強さで残る最初のステップより前にあります。切り替え位置か強さを上げてください</translation>
    </message>
    <message>
        <source>with %1 steps the refiner's switch point leaves the refiner no step: lower the switch point or raise the steps</source>
        <translation>%1 ステップではリファイナーの切り替え位置がリファイナーにステップを残しません。切り替え位置を下げるか、ステップを増やしてください</translation>
    </message>
    <message>
        <source>compile captures CUDA graphs; it needs a CUDA device</source>
        <translation>コンパイルは CUDA グラフを記録するため、CUDA デバイスが必要です</translation>
    </message>
    <message>
        <source>FP8 products need an Ada or Hopper GPU (compute capability 8.9 or newer); this one is %1. Switch FP8 off.</source>
        <translation>FP8 の行列積には Ada か Hopper の GPU (compute capability 8.9 以上) が必要です。この GPU は %1 です。FP8 をオフにしてください。</translation>
    </message>
    <message>
        <source>the model is itself a refiner: choose a base model to refine after, or no refiner</source>
        <translation>このモデル自体がリファイナーです。後で仕上げるベースモデルを選ぶか、リファイナーなしにしてください</translation>
    </message>
    <message>
        <source>the prompt's &lt;%1:%2&gt; tag: SDXL Studio applies LoRAs (&lt;lora:NAME:WEIGHT&gt;) only; take it out</source>
        <translation>プロンプトの &lt;%1:%2&gt; タグ: SDXL Studio が適用できるのは LoRA (&lt;lora:名前:重み&gt;) だけです。取り除いてください</translation>
    </message>
    <message>
        <source>the prompt asks for the LoRA '%1', but no LoRA folder is set (choose the models folder that holds it)</source>
        <translation>プロンプトが LoRA「%1」を求めていますが、LoRA フォルダーが設定されていません (それを含むモデルフォルダーを選んでください)</translation>
    </message>
    <message>
        <source>the prompt asks for the LoRA '%1', but the LoRA folder %2 does not exist (choose the models folder that holds it)</source>
        <translation>プロンプトが LoRA「%1」を求めていますが、LoRA フォルダー %2 がありません (それを含むモデルフォルダーを選んでください)</translation>
    </message>
    <message>
        <source>the prompt asks for the LoRA '%1', which is not in %2 (as %1.safetensors)</source>
        <translation>プロンプトが LoRA「%1」を求めていますが、%2 にありません (%1.safetensors として)</translation>
    </message>
    <message>
        <source>%1 is a LoRA for Stable Diffusion 1.x; this model is SDXL</source>
        <translation>%1 は Stable Diffusion 1.x 用の LoRA です。このモデルは SDXL です</translation>
    </message>
    <message>
        <source>%1 names %2 layer(s) this model does not have:%3
  Is it a LoRA for SDXL base?</source>
        <translation>%1 はこのモデルにない %2 個のレイヤーを指定しています:%3
  SDXL base 用の LoRA ですか?</translation>
    </message>
    <message>
        <source>%1 does not fit this model's layers:%2</source>
        <translation>%1 はこのモデルのレイヤーに合いません:%2</translation>
    </message>
    <message>
        <source>nothing fits in a memory budget of %1: this request needs about %2 at the least (%3). Raise the budget to that, or ask for fewer images or a smaller size.</source>
        <translation>メモリ予算 %1 に収まる構成がありません。この依頼には少なくとも約 %2 が必要です (%3)。予算をそこまで上げるか、枚数を減らすかサイズを小さくしてください。</translation>
    </message>
    <message>
        <source>CPU offload moves weights between host and GPU memory; it needs a CUDA device</source>
        <translation>CPU オフロードは重みをホストと GPU のメモリ間で動かすため、CUDA デバイスが必要です</translation>
    </message>
    <message>
        <source>the Tiny AutoEncoder is switched on, but %1 does not exist. Put TAESDXL there in diffusers' format (madebyollin/taesdxl: config.json and diffusion_pytorch_model.safetensors), or switch the Tiny AutoEncoder off.</source>
        <translation>Tiny AutoEncoder がオンですが、%1 がありません。そこに diffusers 形式の TAESDXL (madebyollin/taesdxl: config.json と diffusion_pytorch_model.safetensors) を置くか、Tiny AutoEncoder をオフにしてください。</translation>
    </message>
    <message>
        <source>a mask needs the image it belongs to: give an init image too</source>
        <translation>マスクにはその元画像が必要です。元画像も指定してください</translation>
    </message>
    <message>
        <source>an image's pixels do not match its size %1</source>
        <translation>画像の画素数がサイズ %1 と合いません</translation>
    </message>
    <message>
        <source>the init image is %1 but the request is %2; resize or crop it to that size first</source>
        <translation>元画像は %1 ですが、依頼は %2 です。先にそのサイズへ縮小または切り抜きしてください</translation>
    </message>
    <message>
        <source>the mask is %1 but the image is %2; a mask must be the image's size</source>
        <translation>マスクは %1 ですが画像は %2 です。マスクは画像と同じサイズにしてください</translation>
    </message>
    <message>
        <source>strength must be above 0 and at most 1 (the share of the steps that redo the image); got %1</source>
        <translation>強さは 0 より大きく 1 以下にしてください (画像を描き直すステップの割合)。指定値: %1</translation>
    </message>
    <message>
        <source>strength %1 of %2 steps leaves no step to run; raise the strength or the steps</source>
        <translation>%2 ステップの強さ %1 では実行するステップが残りません。強さかステップを増やしてください</translation>
    </message>
    <message>
        <source>"only masked" inpaints the masked part of the image: paint a mask</source>
        <translation>「マスク部分のみ」は画像のマスク部分を描き直します。マスクを描いてください</translation>
    </message>
    <message>
        <source>the masked area's padding must be between 0 and 1024 pixels</source>
        <translation>マスク部分の余白は 0〜1024 ピクセルにしてください</translation>
    </message>
    <message>
        <source>the mask blur must be between 0 and 64 pixels</source>
        <translation>マスクのぼかしは 0〜64 ピクセルにしてください</translation>
    </message>
    <message>
        <source>the mask is empty: paint white where the image should change</source>
        <translation>マスクが空です。画像を変えたいところを白で塗ってください</translation>
    </message>
    <message>
        <source>the mask blurred by %1 pixels leaves nothing to repaint: paint a larger area or lower the mask blur</source>
        <translation>%1 ピクセルぼかしたマスクでは描き直す部分が残りません。広く塗るか、マスクのぼかしを下げてください</translation>
    </message>
    <message>
        <source>size %1 is outside 32..4096 pixels per side (SDXL is trained around 1024x1024)</source>
        <translation>サイズ %1 は一辺 32〜4096 ピクセルの範囲外です (SDXL は 1024x1024 前後で学習されています)</translation>
    </message>
    <message>
        <source>width and height must be multiples of 8 (the VAE works on 8x8 pixel blocks); got %1</source>
        <translation>幅と高さは 8 の倍数にしてください (VAE は 8x8 ピクセル単位で処理します)。指定値: %1</translation>
    </message>
    <message>
        <source>steps must be between 1 and 1000; got %1</source>
        <translation>ステップ数は 1〜1000 にしてください。指定値: %1</translation>
    </message>
    <message>
        <source>guidance must be between 0 and 100</source>
        <translation>ガイダンスは 0〜100 にしてください</translation>
    </message>
    <message>
        <source>guidance rescale must be between 0 and 1</source>
        <translation>ガイダンスの再スケールは 0〜1 にしてください</translation>
    </message>
    <message>
        <source>images must be between 1 and 64; got %1</source>
        <translation>枚数は 1〜64 にしてください。指定値: %1</translation>
    </message>
    <message>
        <source>a LoRA's weight must be between -10 and 10: %1</source>
        <translation>LoRA の重みは -10〜10 にしてください: %1</translation>
    </message>
    <message>
        <source>clip skip must be between 1 (SDXL's own layer) and 12; got %1</source>
        <translation>CLIP スキップは 1 (SDXL 本来の層)〜12 にしてください。指定値: %1</translation>
    </message>
    <message>
        <source>hires fix draws a new image first; to enlarge an image you have, use img2img at the larger size</source>
        <translation>高解像度補助はまず新しい画像を描きます。手持ちの画像を大きくするには、大きいサイズで img2img を使ってください</translation>
    </message>
    <message>
        <source>the hires fix's scale must be between 1 and 4</source>
        <translation>高解像度補助の倍率は 1〜4 にしてください</translation>
    </message>
    <message>
        <source>the hires fix would make %1, past 4096 pixels a side; lower the scale</source>
        <translation>高解像度補助は %1 を作り、一辺 4096 ピクセルを超えます。倍率を下げてください</translation>
    </message>
    <message>
        <source>the hires fix's strength must be above 0 and at most 1</source>
        <translation>高解像度補助の強さは 0 より大きく 1 以下にしてください</translation>
    </message>
    <message>
        <source>the hires fix's steps must be between 0 (as many as the first pass) and 1000</source>
        <translation>高解像度補助のステップ数は 0 (1回目と同じ)〜1000 にしてください</translation>
    </message>
    <message>
        <source>the hires fix's strength %1 of %2 steps leaves no step to run</source>
        <translation>高解像度補助の %2 ステップの強さ %1 では実行するステップが残りません</translation>
    </message>
    <message>
        <source>the refiner has no model: choose an SDXL refiner, or no refiner</source>
        <translation>リファイナーのモデルがありません。SDXL のリファイナーを選ぶか、リファイナーなしにしてください</translation>
    </message>
    <message>
        <source>the refiner's switch point must be between 0 and 1 (the share of the steps the first model runs); got %1</source>
        <translation>リファイナーの切り替え位置は 0〜1 にしてください (最初のモデルが実行するステップの割合)。指定値: %1</translation>
    </message>
    <message>
        <source>the refiner and the hires fix together are not offered yet: choose one</source>
        <translation>リファイナーと高解像度補助の併用はまだできません。どちらかを選んでください</translation>
    </message>
    <message>
        <source>the refiner stage is not offered with inpainting yet: inpaint, then refine the result as img2img</source>
        <translation>インペイントではまだリファイナーを使えません。インペイントしてから、その結果を img2img で仕上げてください</translation>
    </message>
    <message>
        <source>aesthetic scores must be between 0 and 10</source>
        <translation>美的スコアは 0〜10 にしてください</translation>
    </message>
    <message>
        <source>freeing the text encoders needs cached prompt embeddings (otherwise the next prompt has no encoder)</source>
        <translation>テキストエンコーダーの解放にはプロンプト埋め込みのキャッシュが必要です (でないと次のプロンプトをエンコードできません)</translation>
    </message>
    <message>
        <source>compile (CUDA graphs) and sequential offload cannot be combined: a graph replays fixed weight addresses, while sequential offload moves the weights at every step. Choose one.</source>
        <translation>コンパイル (CUDA グラフ) と逐次オフロードは併用できません。グラフは固定された重みのアドレスを再生しますが、逐次オフロードは毎ステップ重みを動かします。どちらかを選んでください。</translation>
    </message>
    <message>
        <source>the step cache's interval must be between 2 and 10 steps (0 or 1: off); got %1</source>
        <translation>ステップキャッシュの間隔は 2〜10 ステップにしてください (0 か 1 でオフ)。指定値: %1</translation>
    </message>
    <message>
        <source>the step cache and sequential offload cannot be combined: sequential offload streams the whole UNet in its order every step. Choose one.</source>
        <translation>ステップキャッシュと逐次オフロードは併用できません。逐次オフロードは毎ステップ UNet 全体を順に転送します。どちらかを選んでください。</translation>
    </message>
    <message>
        <source>the guidance cut-off must be a share of the steps above 0 and at most 1 (1: guidance throughout)</source>
        <translation>ガイダンス打ち切りはステップの割合で、0 より大きく 1 以下にしてください (1: 最後までガイダンス)</translation>
    </message>
    <message>
        <source>the prompt is longer than 100,000 bytes</source>
        <translation>プロンプトが 100,000 バイトを超えています</translation>
    </message>
    <message>
        <source>the prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor</source>
        <translation>プロンプトが正しい UTF-8 テキストではありません (%1 バイト目は文字の先頭になれません)。現代の端末やエディターの標準である UTF-8 で書いてください</translation>
    </message>
    <message>
        <source>the negative prompt is not valid UTF-8 text (byte %1 cannot start a character); write it in UTF-8, the encoding of every modern terminal and editor</source>
        <translation>ネガティブプロンプトが正しい UTF-8 テキストではありません (%1 バイト目は文字の先頭になれません)。現代の端末やエディターの標準である UTF-8 で書いてください</translation>
    </message>
    <message>
        <source>the VAE %1 does not exist</source>
        <translation>VAE %1 がありません</translation>
    </message>
    <message>
        <source>%1 cannot be used as an SDXL model:
  %2</source>
        <translation>%1 は SDXL モデルとして使えません:
  %2</translation>
    </message>
    <message>
        <source>%1 is not a usable SDXL model folder:%2</source>
        <translation>%1 は使える SDXL モデルフォルダーではありません:%2</translation>
    </message>
    <message>
        <source>%1 is %2, not a LoRA</source>
        <translation>%1 は %2 で、LoRA ではありません</translation>
    </message>
    <message>
        <source>%1: refusing to open a pickle-based checkpoint. Loading one runs whatever code the file contains. Convert it to .safetensors with a tool you trust (or download the safetensors version of the model) and point SDXL Studio at that.</source>
        <translation>%1: pickle 形式のチェックポイントは開きません。読み込むとファイル内のどんなコードでも実行されてしまいます。信頼できるツールで .safetensors に変換するか、モデルの safetensors 版をダウンロードして、それを SDXL Studio で指定してください。</translation>
    </message>
    <message>
        <source>FP8 products and CPU offload cannot be combined: the FP8 copy of the UNet's weights stays on the GPU and is made again whenever offload brings the weights back. Choose one.</source>
        <translation>FP8 の行列積と CPU オフロードは併用できません。UNet の重みの FP8 コピーは GPU に残り、オフロードが重みを戻すたびに作り直されます。どちらかを選んでください。</translation>
    </message>
    <message>
        <source>the image is empty or its pixels do not match its size</source>
        <translation>画像が空か、画素数がサイズと合いません</translation>
    </message>
    <message>
        <source>cannot fit an image to %1x%2</source>
        <translation>画像を %1x%2 に合わせられません</translation>
    </message>
    <message>
        <source>cannot open %1: %2</source>
        <translation>%1 を開けません: %2</translation>
    </message>
    <message>
        <source>%1 is not a regular file</source>
        <translation>%1 は通常のファイルではありません</translation>
    </message>
    <message>
        <source>cannot map %1: %2</source>
        <translation>%1 をメモリに割り当てられません: %2</translation>
    </message>
    <message>
        <source>%1 is a pickle-based PyTorch checkpoint, whatever its name says; refusing to load it, because loading one runs whatever code the file contains. Use the model's .safetensors version.</source>
        <translation>%1 は名前にかかわらず pickle 形式の PyTorch チェックポイントです。読み込むとファイル内のどんなコードでも実行されてしまうため、読み込みません。モデルの .safetensors 版を使ってください。</translation>
    </message>
    <message>
        <source>%1 exists already; not overwriting it</source>
        <translation>%1 はすでにあります。上書きしません</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>%1 に書き込めません: %2</translation>
    </message>
    <message>
        <source>writing %1 failed: %2</source>
        <translation>%1 の書き込みに失敗しました: %2</translation>
    </message>
    <message>
        <source>writing %1 failed (disk full?)</source>
        <translation>%1 の書き込みに失敗しました (ディスクがいっぱいですか?)</translation>
    </message>
    <message>
        <source>cannot move %1 to %2: %3</source>
        <translation>%1 を %2 に移動できません: %3</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>%1 を読めません: %2</translation>
    </message>
    <message>
        <source>%1 is not a readable PNG: %2</source>
        <translation>%1 は読める PNG ではありません: %2</translation>
    </message>
    <message>
        <source>no free image name left in %1</source>
        <translation>%1 に使える画像ファイル名が残っていません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: "%1" is not text</source>
        <translation>SDXL Studio のグリッドではありません: "%1" がテキストではありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: "%1" is not a number from 0 up</source>
        <translation>SDXL Studio のグリッドではありません: "%1" が 0 以上の数値ではありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: a cell's "%1" is outside its axis</source>
        <translation>SDXL Studio のグリッドではありません: セルの "%1" が軸の範囲外です</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it is not JSON</source>
        <translation>SDXL Studio のグリッドではありません: JSON ではありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it has no "axes" and "cells"</source>
        <translation>SDXL Studio のグリッドではありません: "axes" と "cells" がありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it has more than three axes</source>
        <translation>SDXL Studio のグリッドではありません: 軸が 3 つを超えています</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: an axis is not an object</source>
        <translation>SDXL Studio のグリッドではありません: 軸がオブジェクトではありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: it has an unknown axis "%1"</source>
        <translation>SDXL Studio のグリッドではありません: 不明な軸 "%1" があります</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: the axis "%1" needs 1 to 64 values</source>
        <translation>SDXL Studio のグリッドではありません: 軸 "%1" には 1〜64 個の値が必要です</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: a value of "%1" is not text</source>
        <translation>SDXL Studio のグリッドではありません: "%1" の値がテキストではありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: its axes make %1 cells and it lists %2</source>
        <translation>SDXL Studio のグリッドではありません: 軸からは %1 個のセルになりますが、%2 個が記載されています</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: a cell is not an object</source>
        <translation>SDXL Studio のグリッドではありません: セルがオブジェクトではありません</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: the cell %1 is listed twice</source>
        <translation>SDXL Studio のグリッドではありません: セル %1 が 2 回記載されています</translation>
    </message>
    <message>
        <source>this is not a grid of SDXL Studio: the image "%1" is not a .png file beside the report</source>
        <translation>SDXL Studio のグリッドではありません: 画像 "%1" は同じフォルダーの .png ファイルではありません</translation>
    </message>
    <message>
        <source>the tokenizer file %1 is missing or unreadable</source>
        <translation>トークナイザーのファイル %1 がないか、読めません</translation>
    </message>
    <message>
        <source>the prompt's text could not be decoded as UTF-8</source>
        <translation>プロンプトのテキストを UTF-8 として読めませんでした</translation>
    </message>
    <message>
        <source>%1 is not valid JSON (%2)</source>
        <translation>%1 は正しい JSON ではありません (%2)</translation>
    </message>
    <message>
        <source>%1 has no BPE model</source>
        <translation>%1 に BPE モデルがありません</translation>
    </message>
    <message>
        <source>%1 is not a BPE tokenizer</source>
        <translation>%1 は BPE トークナイザーではありません</translation>
    </message>
    <message>
        <source>%1: a merge is neither "a b" nor ["a", "b"]</source>
        <translation>%1: マージが "a b" でも ["a", "b"] でもありません</translation>
    </message>
    <message>
        <source>%1 has no token -&gt; id vocabulary</source>
        <translation>%1 にトークンから ID への語彙がありません</translation>
    </message>
    <message>
        <source>%1: the token '%2' has no valid id</source>
        <translation>%1: トークン '%2' に正しい ID がありません</translation>
    </message>
    <message>
        <source>%1: the merge '%2' is not two symbols</source>
        <translation>%1: マージ '%2' が 2 つの記号ではありません</translation>
    </message>
    <message>
        <source>%1 lacks the token '%2'</source>
        <translation>%1 にトークン '%2' がありません</translation>
    </message>
    <message>
        <source>%1 is %2, not a VAE</source>
        <translation>%1 は %2 であり、VAE ではありません</translation>
    </message>
    <message>
        <source>%1: %2 is not a single number</source>
        <translation>%1: %2 が 1 つの数値ではありません</translation>
    </message>
    <message>
        <source>the %1 config describes %2 parameters, more than any SDXL-family component (limit %3); refusing to allocate it</source>
        <translation>%1 の設定は %2 個のパラメーターを記述しています。SDXL 系のどの部品よりも多いため (上限 %3)、確保を拒否します</translation>
    </message>
    <message>
        <source>%1 is %2 bytes; a file of this kind is never larger than %3</source>
        <translation>%1 は %2 バイトです。この種類のファイルが %3 バイトを超えることはありません</translation>
    </message>
    <message>
        <source>%1: tensor '%2' appears in two shards</source>
        <translation>%1: テンソル '%2' が 2 つのシャードにあります</translation>
    </message>
    <message>
        <source>%1 has no weight_map object</source>
        <translation>%1 に weight_map オブジェクトがありません</translation>
    </message>
    <message>
        <source>%1: the weight_map entry '%2' is not a file name</source>
        <translation>%1: weight_map の項目 '%2' がファイル名ではありません</translation>
    </message>
    <message>
        <source>%1: the shard name '%2' points outside the folder</source>
        <translation>%1: シャード名 '%2' がフォルダーの外を指しています</translation>
    </message>
    <message>
        <source>%1 lists no shards</source>
        <translation>%1 にシャードが 1 つもありません</translation>
    </message>
    <message>
        <source>%1 names the shard %2, which is missing</source>
        <translation>%1 はシャード %2 を挙げていますが、見つかりません</translation>
    </message>
    <message>
        <source>%1 says tensor '%2' is in %3, but it is not</source>
        <translation>%1 はテンソル '%2' が %3 にあるとしていますが、ありません</translation>
    </message>
    <message>
        <source>%1: the shards hold tensors that the index does not list</source>
        <translation>%1: シャードにインデックスにないテンソルがあります</translation>
    </message>
    <message>
        <source>no safetensors weights in %1. %2</source>
        <translation>%1 に safetensors の重みがありません。%2</translation>
    </message>
    <message>
        <source>no weights in %1: expected %2 (or a sharded *.safetensors.index.json)</source>
        <translation>%1 に重みがありません: %2 (またはシャード分割の *.safetensors.index.json) が必要です</translation>
    </message>
    <message>
        <source>no weights in %1: expected %2 (or a sharded *.safetensors.index.json); found only %3</source>
        <translation>%1 に重みがありません: %2 (またはシャード分割の *.safetensors.index.json) が必要ですが、あるのは %3 だけです</translation>
    </message>
    <message>
        <source>the checkpoint has no tensor '%1'</source>
        <translation>チェックポイントにテンソル '%1' がありません</translation>
    </message>
    <message>
        <source>safetensors file %1: the header names '%2' twice</source>
        <translation>safetensors ファイル %1: ヘッダーに '%2' が 2 回あります</translation>
    </message>
    <message>
        <source>safetensors file %1: the header is not valid JSON (%2)</source>
        <translation>safetensors ファイル %1: ヘッダーが正しい JSON ではありません (%2)</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its entry is not an object</source>
        <translation>safetensors ファイル %1: テンソル '%2': 項目がオブジェクトではありません</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': unknown field '%3'</source>
        <translation>safetensors ファイル %1: テンソル '%2': 不明なフィールド '%3'</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': missing dtype</source>
        <translation>safetensors ファイル %1: テンソル '%2': dtype がありません</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': unsupported dtype '%3'</source>
        <translation>safetensors ファイル %1: テンソル '%2': 対応していない dtype '%3'</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': missing shape</source>
        <translation>safetensors ファイル %1: テンソル '%2': shape がありません</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': more than 16 dimensions</source>
        <translation>safetensors ファイル %1: テンソル '%2': 次元が 16 を超えています</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its shape holds a value that is not a non-negative integer</source>
        <translation>safetensors ファイル %1: テンソル '%2': shape に 0 以上の整数でない値があります</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its shape is absurdly large</source>
        <translation>safetensors ファイル %1: テンソル '%2': shape がありえないほど大きすぎます</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': data_offsets must be two non-negative integers</source>
        <translation>safetensors ファイル %1: テンソル '%2': data_offsets は 0 以上の整数 2 つでなければなりません</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': data_offsets end before they begin</source>
        <translation>safetensors ファイル %1: テンソル '%2': data_offsets の終わりが始まりより前です</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': shape and dtype make %3 bytes but data_offsets span %4</source>
        <translation>safetensors ファイル %1: テンソル '%2': shape と dtype からは %3 バイトですが、data_offsets は %4 バイトです</translation>
    </message>
    <message>
        <source>safetensors file %1: the file is %2 bytes, too short to hold a header (truncated?)</source>
        <translation>safetensors ファイル %1: ファイルが %2 バイトで、ヘッダーを収めるには短すぎます (途中で切れていませんか?)</translation>
    </message>
    <message>
        <source>safetensors file %1: the header claims %2 bytes, more than the %3 allowed</source>
        <translation>safetensors ファイル %1: ヘッダーは %2 バイトとしていますが、許される %3 バイトを超えています</translation>
    </message>
    <message>
        <source>safetensors file %1: the header claims %2 bytes but the file has only %3 after the length field (truncated?)</source>
        <translation>safetensors ファイル %1: ヘッダーは %2 バイトとしていますが、長さの欄の後には %3 バイトしかありません (途中で切れていませんか?)</translation>
    </message>
    <message>
        <source>safetensors file %1: the header does not start with '{'</source>
        <translation>safetensors ファイル %1: ヘッダーが '{' で始まっていません</translation>
    </message>
    <message>
        <source>safetensors file %1: the header is not a JSON object</source>
        <translation>safetensors ファイル %1: ヘッダーが JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>safetensors file %1: __metadata__ is not an object</source>
        <translation>safetensors ファイル %1: __metadata__ がオブジェクトではありません</translation>
    </message>
    <message>
        <source>safetensors file %1: the __metadata__ value of '%2' is not a string</source>
        <translation>safetensors ファイル %1: __metadata__ の '%2' の値が文字列ではありません</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its bytes overlap another tensor's</source>
        <translation>safetensors ファイル %1: テンソル '%2': データが別のテンソルと重なっています</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2' leaves a gap of unclaimed bytes before it</source>
        <translation>safetensors ファイル %1: テンソル '%2' の前にどのテンソルにも属さない隙間があります</translation>
    </message>
    <message>
        <source>safetensors file %1: tensor '%2': its bytes end at %3, past the %4 data bytes in the file (truncated?)</source>
        <translation>safetensors ファイル %1: テンソル '%2': データの終わり %3 がファイル内のデータ %4 バイトを超えています (途中で切れていませんか?)</translation>
    </message>
    <message>
        <source>safetensors file %1: %2 bytes after the last tensor belong to none</source>
        <translation>safetensors ファイル %1: 最後のテンソルの後の %2 バイトがどのテンソルにも属していません</translation>
    </message>
    <message>
        <source>the %1 weights do not match its config.json
  missing (%2):%3
  wrong shape (%4):%5
  unexpected (%6):%7
  Is this folder's %1 from an SDXL-family model, and complete?</source>
        <translation>%1 の重みが config.json と合いません
  見つからない (%2):%3
  形が違う (%4):%5
  想定外 (%6):%7
  このフォルダーの %1 は SDXL 系のモデルのもので、欠けていませんか?</translation>
    </message>
    <message>
        <source>the %1 weights do not match its config.json
  missing (%2):%3
  wrong shape (%4):%5
  unexpected (%6):%7
  Is %8 from an SDXL-family model, and complete?</source>
        <translation>%1 の重みが config.json と合いません
  見つからない (%2):%3
  形が違う (%4):%5
  想定外 (%6):%7
  %8 は SDXL 系のモデルのもので、欠けていませんか?</translation>
    </message>
    <message>
        <source>%1: "%2" needs one entry per encoder_block_out_channels entry</source>
        <translation>%1: "%2" には encoder_block_out_channels の要素ごとに 1 つずつ値が必要です</translation>
    </message>
    <message>
        <source>%1: "%2" needs one entry per decoder_block_out_channels entry</source>
        <translation>%1: "%2" には decoder_block_out_channels の要素ごとに 1 つずつ値が必要です</translation>
    </message>
    <message>
        <source>%1 is missing or unreadable</source>
        <translation>%1 が見つからないか、読めません</translation>
    </message>
    <message>
        <source>%1 is not a JSON object</source>
        <translation>%1 は JSON オブジェクトではありません</translation>
    </message>
    <message>
        <source>%1: "%2" must be an integer</source>
        <translation>%1: "%2" は整数でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" is %3, outside the supported %4..%5</source>
        <translation>%1: "%2" が %3 です。対応範囲は %4..%5 です</translation>
    </message>
    <message>
        <source>%1: "%2" must be a number</source>
        <translation>%1: "%2" は数値でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be true or false</source>
        <translation>%1: "%2" は true か false でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be a string</source>
        <translation>%1: "%2" は文字列でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be a list of 1 to 64 integers</source>
        <translation>%1: "%2" は 1〜64 個の整数のリストでなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must hold integers only</source>
        <translation>%1: "%2" には整数だけを入れてください</translation>
    </message>
    <message>
        <source>%1: "%2" holds %3, outside the supported %4..%5</source>
        <translation>%1: "%2" に %3 が含まれています。対応範囲は %4..%5 です</translation>
    </message>
    <message>
        <source>%1: "%2" must have one value per block (%3)</source>
        <translation>%1: "%2" にはブロックごとに 1 つずつ、%3 個の値が必要です</translation>
    </message>
    <message>
        <source>%1: "%2" must be a list of 1 to 64 names</source>
        <translation>%1: "%2" は 1〜64 個の名前のリストでなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must hold names only</source>
        <translation>%1: "%2" には名前だけを入れてください</translation>
    </message>
    <message>
        <source>%1: "%2" and up_block_types need one entry per block_out_channels entry</source>
        <translation>%1: "%2" と up_block_types には block_out_channels の要素ごとに 1 つずつ値が必要です</translation>
    </message>
    <message>
        <source>%1: "%2" holds '%3', which is not supported</source>
        <translation>%1: "%2" に対応していない '%3' が含まれています</translation>
    </message>
    <message>
        <source>%1: "%2" must be UNetMidBlock2DCrossAttn</source>
        <translation>%1: "%2" は UNetMidBlock2DCrossAttn でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" does not divide block_out_channels</source>
        <translation>%1: "%2" が block_out_channels を割り切りません</translation>
    </message>
    <message>
        <source>%1: "%2" must be text_time or null</source>
        <translation>%1: "%2" は text_time か null でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" is set; only null is supported</source>
        <translation>%1: "%2" が設定されています。対応しているのは null だけです</translation>
    </message>
    <message>
        <source>%1: "%2" must be positional</source>
        <translation>%1: "%2" は positional でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be default</source>
        <translation>%1: "%2" は default でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" and conv_out_kernel must be 3</source>
        <translation>%1: "%2" と conv_out_kernel は 3 でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be silu</source>
        <translation>%1: "%2" は silu でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" needs one entry per block_out_channels entry</source>
        <translation>%1: "%2" には block_out_channels の要素ごとに 1 つずつ値が必要です</translation>
    </message>
    <message>
        <source>%1: "%2" holds '%3'; only %4 is supported</source>
        <translation>%1: "%2" に '%3' が含まれています。対応しているのは %4 だけです</translation>
    </message>
    <message>
        <source>%1: "%2" must be true</source>
        <translation>%1: "%2" は true でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" does not divide hidden_size</source>
        <translation>%1: "%2" が hidden_size を割り切りません</translation>
    </message>
    <message>
        <source>%1: "%2" must be scaled_linear or linear</source>
        <translation>%1: "%2" は scaled_linear か linear でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" is not supported</source>
        <translation>%1: "%2" には対応していません</translation>
    </message>
    <message>
        <source>%1: "%2" must be epsilon or v_prediction</source>
        <translation>%1: "%2" は epsilon か v_prediction でなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be leading, linspace or trailing</source>
        <translation>%1: "%2" は leading、linspace、trailing のいずれかでなければなりません</translation>
    </message>
    <message>
        <source>%1: "%2" must be linear</source>
        <translation>%1: "%2" は linear でなければなりません</translation>
    </message>
    <message>
        <source>%1 is damaged or cut short: its %2 chunk claims %3 bytes, more than the file holds</source>
        <translation>%1 は壊れているか途中で切れています: %2 チャンクが %3 バイトあると書かれていますが、ファイルにはそれだけ残っていません</translation>
    </message>
</context>
<context>
    <name>sdxl::ui</name>
    <message>
        <source>after %1% of the steps</source>
        <translation>ステップの %1% 以降</translation>
    </message>
    <message>
        <source>every %1 steps</source>
        <translation>%1 ステップごと</translation>
    </message>
    <message>
        <source>default attention</source>
        <translation>標準アテンション</translation>
    </message>
    <message>
        <source>model offload</source>
        <translation>モデルオフロード</translation>
    </message>
    <message>
        <source>sequential offload</source>
        <translation>シーケンシャルオフロード</translation>
    </message>
    <message>
        <source>Approximate: %1</source>
        <translation>近似: %1</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::CompareView</name>
    <message>
        <source>The seed article's rows</source>
        <translation>元記事の構成一覧</translation>
    </message>
    <message>
        <source>Quick: 1 image, 512×512, 8 steps, 2 runs</source>
        <translation>クイック: 1枚、512×512、8ステップ、2回</translation>
    </message>
    <message>
        <source>Single: 1 image, 1024×1024, 30 steps, 3 runs</source>
        <translation>単一: 1枚、1024×1024、30ステップ、3回</translation>
    </message>
    <message>
        <source>Seed article: 4 images, 1024×1024, 50 steps, 3 runs</source>
        <translation>元記事: 4枚、1024×1024、50ステップ、3回</translation>
    </message>
    <message>
        <source>Run comparison</source>
        <translation>比較を実行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Choose configurations and run them on the current model.</source>
        <translation>構成を選び、現在のモデルで実行します。</translation>
    </message>
    <message>
        <source>Check at least one configuration.</source>
        <translation>構成を1つ以上選んでください。</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>実行中…</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSVに書き出す…</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSONに書き出す…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNGに書き出す…</translation>
    </message>
    <message>
        <source>Export CSV</source>
        <translation>CSVに書き出す</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export JSON</source>
        <translation>JSONに書き出す</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message>
        <source>Export PNG</source>
        <translation>PNGに書き出す</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>構成</translation>
    </message>
    <message>
        <source>Protocol</source>
        <translation>計測手順</translation>
    </message>
    <message>
        <source>Baseline</source>
        <translation>基準</translation>
    </message>
    <message>
        <source>configuration</source>
        <translation>構成</translation>
    </message>
    <message>
        <source>latency (s)</source>
        <translation>所要時間 (秒)</translation>
    </message>
    <message>
        <source>encode (s)</source>
        <translation>エンコード (秒)</translation>
    </message>
    <message>
        <source>denoise (s)</source>
        <translation>ノイズ除去 (秒)</translation>
    </message>
    <message>
        <source>decode (s)</source>
        <translation>デコード (秒)</translation>
    </message>
    <message>
        <source>peak allocated (GB)</source>
        <translation>確保メモリのピーク (GB)</translation>
    </message>
    <message>
        <source>peak reserved (GB)</source>
        <translation>予約メモリのピーク (GB)</translation>
    </message>
    <message>
        <source>speed-up</source>
        <translation>高速化</translation>
    </message>
    <message>
        <source>memory saved (GB)</source>
        <translation>削減メモリ (GB)</translation>
    </message>
    <message>
        <source>Done on %1.</source>
        <translation>%1 で完了しました。</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>device used (GB)</source>
        <translation>デバイス使用量 (GB)</translation>
    </message>
    <message>
        <source>The row the speed-up and the memory saved are measured against (rows that failed cannot be one).</source>
        <translation>速度向上と節約メモリの基準にする行 (失敗した行は基準にできません)。</translation>
    </message>
    <message>
        <source>Open report…</source>
        <translation>レポートを開く…</translation>
    </message>
    <message>
        <source>A report measured elsewhere (sdxl-cli bench --json, for instance on a GPU server), shown as if it ran here, with the reference rows it carries.</source>
        <translation>別の場所で計測したレポート (GPU サーバーでの sdxl-cli bench --json など) を、含まれる参照行とともに、ここで実行したかのように表示します。</translation>
    </message>
    <message>
        <source>Open a benchmark report</source>
        <translation>ベンチマークレポートを開く</translation>
    </message>
    <message>
        <source>notes</source>
        <translation>備考</translation>
    </message>
    <message>
        <source>Finding the smallest memory limit of %1…</source>
        <translation>%1 の最小メモリ上限を探しています…</translation>
    </message>
    <message>
        <source>Running %1 (%2 of %3), run %4…</source>
        <translation>%1 を実行中 (%3 件中 %2 件目)、%4 回目…</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%2 件中 %1</translation>
    </message>
    <message>
        <source>%1 (the rows measured before are kept)</source>
        <translation>%1 (それまでに計測した行は残ります)</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 を読めませんでした: %2</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 を開けませんでした: %2</translation>
    </message>
    <message>
        <source>Opened %1, measured on %2.</source>
        <translation>%1 を開きました (計測: %2)。</translation>
    </message>
    <message>
        <source>Protocol %1 on %2, %3 · %4</source>
        <translation>計測手順 %1、%2、%3 · %4</translation>
    </message>
    <message>
        <source>approximate</source>
        <translation>近似</translation>
    </message>
    <message>
        <source>%1 could not be written: %2</source>
        <translation>%1 を書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 に保存しました。</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 を書き込めませんでした。</translation>
    </message>
    <message>
        <source>error vs exact</source>
        <translation>厳密との誤差</translation>
    </message>
    <message>
        <source>What an approximate configuration costs: the relative difference of its final latents from those of the same configuration without its approximate switches, run in the same comparison on the same request. Beside the speed-up, so you can choose.</source>
        <translation>近似の設定が払う代償: 近似のスイッチを外した同じ設定を同じ比較の中で同じリクエストで実行し、その最終潜在との相対的な差を示します。高速化の隣に置いてあるので、見比べて選べます。</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>厳密</translation>
    </message>
    <message>
        <source>Add %1 to the comparison to measure this configuration's error.</source>
        <translation>この設定の誤差を測るには、%1 を比較に加えてください。</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::GalleryPanel</name>
    <message>
        <source>View</source>
        <translation>表示</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>名前を付けて保存…</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>Reuse parameters</source>
        <translation>パラメータを再利用</translation>
    </message>
    <message>
        <source>Open output folder</source>
        <translation>出力フォルダを開く</translation>
    </message>
    <message>
        <source>Save image as</source>
        <translation>画像を保存</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG画像 (*.png)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>名前を付けて保存</translation>
    </message>
    <message>
        <source>(not saved)</source>
        <translation>(未保存)</translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
        <translation>%1 を読み込めませんでした: %2</translation>
    </message>
    <message>
        <source>Could not write %1: %2</source>
        <translation>%1 に書き込めませんでした: %2</translation>
    </message>
    <message>
        <source>Use as image</source>
        <translation>元画像に使う</translation>
    </message>
    <message>
        <source>Zoom: Ctrl++ and Ctrl+- step it, Ctrl+0 shows the image at its size</source>
        <translation>ズーム: Ctrl++ と Ctrl+- で段階的に変わり、Ctrl+0 で元の大きさに戻ります</translation>
    </message>
    <message>
        <source>&amp;Zoom</source>
        <translation>ズーム(&amp;Z)</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>Search the prompts of the images in the output folder</source>
        <translation>出力フォルダーの画像をプロンプトで検索</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::GenerationWorker</name>
    <message>
        <source>generation cancelled</source>
        <translation>生成をキャンセルしました</translation>
    </message>
    <message>
        <source>out of memory: %1</source>
        <translation>メモリが足りません: %1</translation>
    </message>
    <message>
        <source>the computer ran out of memory (RAM). Try fewer images or a smaller size, or close other programs.</source>
        <translation>コンピューターのメモリ (RAM) が足りなくなりました。枚数を減らすかサイズを小さくするか、ほかのプログラムを閉じてください。</translation>
    </message>
    <message>
        <source>unexpected error in a tensor operation: %1</source>
        <translation>テンソル演算で予期しないエラーが起きました: %1</translation>
    </message>
    <message>
        <source>unexpected error: %1</source>
        <translation>予期しないエラー: %1</translation>
    </message>
    <message>
        <source>unexpected error of an unknown kind</source>
        <translation>種類のわからない予期しないエラー</translation>
    </message>
    <message>
        <source>The output folder %1 could not be created.</source>
        <translation>出力フォルダー %1 を作成できませんでした。</translation>
    </message>
    <message>
        <source>%1 is not a usable SDXL model:%2</source>
        <translation>%1 は使える SDXL モデルではありません:%2</translation>
    </message>
    <message>
        <source>the VAE %1 is not a VAE: it is %2</source>
        <translation>VAE %1 は VAE ではありません: %2 です</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::GridView</name>
    <message>
        <source>(none)</source>
        <translation>(なし)</translation>
    </message>
    <message>
        <source>values, separated by commas (or |); ranges: 1-5, 10-30 (+10)</source>
        <translation>値をカンマ (または |) で区切って入力。範囲: 1-5、10-30 (+10)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Seeds, steps, guidance and LoRA weights take ranges: 1-5, 10-30 (+10). Prompt S/R: the first value is found in the prompt and each value replaces it. Samplers: euler, euler_a, dpmpp_2m, dpmpp_2m_karras, ddim, unipc. Sizes: 1024x1024. Optimizations: configuration names such as fp16_compile_vae_slicing. Checkpoints: files or names of the models folder.&lt;/p&gt;</source>
        <translation>&lt;p&gt;シード、ステップ、ガイダンス、LoRA の重みは範囲で指定できます: 1-5、10-30 (+10)。プロンプト置換: 最初の値をプロンプト内で探し、各値で置き換えます。サンプラー: euler、euler_a、dpmpp_2m、dpmpp_2m_karras、ddim、unipc。サイズ: 1024x1024。最適化: fp16_compile_vae_slicing のような構成名。チェックポイント: ファイル、またはモデルフォルダー内の名前。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Run grid</source>
        <translation>グリッドを実行</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>The prompt and settings of the Studio tab, with each combination of the axes' values.</source>
        <translation>スタジオタブのプロンプトと設定で、各軸の値のすべての組み合わせを生成します。</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>Export PNG…</source>
        <translation>PNGに書き出す…</translation>
    </message>
    <message>
        <source>PNG (*.png)</source>
        <translation>PNG (*.png)</translation>
    </message>
    <message>
        <source>Export CSV…</source>
        <translation>CSVに書き出す…</translation>
    </message>
    <message>
        <source>CSV (*.csv)</source>
        <translation>CSV (*.csv)</translation>
    </message>
    <message>
        <source>Export JSON…</source>
        <translation>JSONに書き出す…</translation>
    </message>
    <message>
        <source>JSON (*.json)</source>
        <translation>JSON (*.json)</translation>
    </message>
    <message numerus="yes">
        <source>Making %n image(s)…</source>
        <translation><numerusform>%n 枚を生成中…</numerusform></translation>
    </message>
    <message>
        <source>%1 of %2: %3</source>
        <translation>%2 枚中 %1 枚目: %3</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled after %n image(s); they are kept.</source>
        <translation><numerusform>%n 枚でキャンセルしました。生成済みの画像は残ります。</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) on %1.</source>
        <translation><numerusform>%n 枚 (%1)。</numerusform></translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>%1 s · %2 GB allocated
%3 GB reserved · %4 GB device</source>
        <translation>%1 秒 · 確保 %2 GB
予約 %3 GB · デバイス %4 GB</translation>
    </message>
    <message>
        <source>Saved %1.</source>
        <translation>%1 に保存しました。</translation>
    </message>
    <message>
        <source>%1 could not be written.</source>
        <translation>%1 を書き込めませんでした。</translation>
    </message>
    <message>
        <source>not made</source>
        <translation>未生成</translation>
    </message>
    <message>
        <source>Open JSON…</source>
        <translation>JSON を開く…</translation>
    </message>
    <message>
        <source>A grid made elsewhere, as `sdxl-cli grid` writes it on a GPU server, or exported here</source>
        <translation>別の場所で作ったグリッド (GPU サーバーで `sdxl-cli grid` が書いたもの、またはここで書き出したもの)</translation>
    </message>
    <message>
        <source>Open a grid</source>
        <translation>グリッドを開く</translation>
    </message>
    <message>
        <source>no image</source>
        <translation>画像なし</translation>
    </message>
    <message>
        <source>Saved %1 and its images.</source>
        <translation>%1 と画像を保存しました。</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 を読めませんでした: %2</translation>
    </message>
    <message>
        <source>%1 could not be opened: %2</source>
        <translation>%1 を開けませんでした: %2</translation>
    </message>
    <message numerus="yes">
        <source>Opened %1: %n image(s) measured on %2</source>
        <translation><numerusform>%1 を開きました: %2 で計測した画像 %n 枚</numerusform></translation>
    </message>
    <message numerus="yes">
        <source>(%n image(s) could not be read)</source>
        <translation><numerusform>(%n 枚の画像を読めませんでした)</numerusform></translation>
    </message>
    <message>
        <source>%1 s
(on the CPU: no GPU memory)</source>
        <translation>%1 秒
(CPU: GPU メモリなし)</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::LoraPanel</name>
    <message>
        <source>LoRAs in the models folder; type to search</source>
        <translation>モデルフォルダーの LoRA。入力すると検索します</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>追加</translation>
    </message>
    <message>
        <source>Add file…</source>
        <translation>ファイルを追加…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Text weight</source>
        <translation>テキストの重み</translation>
    </message>
    <message>
        <source>UNet weight</source>
        <translation>UNet の重み</translation>
    </message>
    <message>
        <source>Changing LoRAs never reloads the model: they are merged into its weights and taken out exactly. &lt;lora:NAME:0.8&gt; in the prompt adds one from the models folder.</source>
        <translation>LoRA を変えてもモデルは読み込み直しません。LoRA は重みに合成され、外すときは正確に元に戻ります。プロンプトに &lt;lora:名前:0.8&gt; と書くとモデルフォルダーの LoRA を追加します。</translation>
    </message>
    <message>
        <source>no LoRAs in the models folder</source>
        <translation>モデルフォルダーに LoRA がありません</translation>
    </message>
    <message>
        <source>Add a LoRA</source>
        <translation>LoRA を追加</translation>
    </message>
    <message>
        <source>LoRA (*.safetensors)</source>
        <translation>LoRA (*.safetensors)</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::MainWindow</name>
    <message>
        <source>Switch on VAE slicing, model or sequential CPU offload, the Tiny AutoEncoder, or generate fewer or smaller images.</source>
        <translation>VAEスライス、モデル/逐次CPUオフロード、Tiny AutoEncoderを有効にするか、枚数やサイズを減らしてください。</translation>
    </message>
    <message>
        <source>Change the setting named above and try again.</source>
        <translation>上に示した設定を変えて、もう一度お試しください。</translation>
    </message>
    <message>
        <source>SDXL Studio</source>
        <translation>SDXL Studio</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>Optimizations</source>
        <translation>最適化</translation>
    </message>
    <message>
        <source>Generate</source>
        <translation>生成</translation>
    </message>
    <message>
        <source>Ctrl+Return</source>
        <translation>Ctrl+Return</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>idle</source>
        <translation>待機中</translation>
    </message>
    <message>
        <source>No image yet. Choose a model, type a prompt and press Generate.</source>
        <translation>まだ画像はありません。モデルを選び、プロンプトを入力して「生成」を押してください。</translation>
    </message>
    <message>
        <source>Parameters reused; the seed is locked.</source>
        <translation>パラメータを再利用しました。シードは固定されています。</translation>
    </message>
    <message>
        <source>Studio</source>
        <translation>スタジオ</translation>
    </message>
    <message>
        <source>Compare</source>
        <translation>比較</translation>
    </message>
    <message>
        <source>Telemetry</source>
        <translation>テレメトリ</translation>
    </message>
    <message>
        <source>A generation is running; the comparison waits for it to finish.</source>
        <translation>生成中です。比較は生成の完了後に実行してください。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Built-in benchmark model (random weights)</source>
        <translation>内蔵ベンチマークモデル (ランダム重み)(&amp;B)</translation>
    </message>
    <message>
        <source>Tiny (for CPUs)</source>
        <translation>極小 (CPU向け)</translation>
    </message>
    <message>
        <source>Full SDXL-base size (needs a GPU)</source>
        <translation>SDXL-base 実サイズ (GPUが必要)</translation>
    </message>
    <message>
        <source>&amp;Recent models</source>
        <translation>最近使ったモデル(&amp;R)</translation>
    </message>
    <message>
        <source>Choose &amp;output folder…</source>
        <translation>出力フォルダを選ぶ(&amp;O)…</translation>
    </message>
    <message>
        <source>Output folder</source>
        <translation>出力フォルダ</translation>
    </message>
    <message>
        <source>Open output &amp;folder</source>
        <translation>出力フォルダを開く(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Studio</source>
        <translation>スタジオ(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Compare</source>
        <translation>比較(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
    </message>
    <message>
        <source>System default</source>
        <translation>システムの既定</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About SDXL Studio</source>
        <translation>SDXL Studio について(&amp;A)</translation>
    </message>
    <message numerus="yes">
        <source>%n request(s) queued; they run when this one is done.</source>
        <translation><numerusform>%n 件のリクエストが待機中です。現在の生成の後に実行します。</numerusform></translation>
    </message>
    <message>
        <source>starting…</source>
        <translation>開始中…</translation>
    </message>
    <message>
        <source>cancelling…</source>
        <translation>キャンセル中…</translation>
    </message>
    <message>
        <source>Queue another</source>
        <translation>さらに予約</translation>
    </message>
    <message>
        <source>loading %1…</source>
        <translation>%1 を読み込み中…</translation>
    </message>
    <message>
        <source>Choose an SDXL model folder (diffusers format)</source>
        <translation>SDXLモデルフォルダを選ぶ (diffusers形式)</translation>
    </message>
    <message>
        <source>loading</source>
        <translation>読み込み</translation>
    </message>
    <message>
        <source>encoding</source>
        <translation>エンコード</translation>
    </message>
    <message>
        <source>denoising</source>
        <translation>ノイズ除去</translation>
    </message>
    <message>
        <source>decoding</source>
        <translation>デコード</translation>
    </message>
    <message>
        <source>done</source>
        <translation>完了</translation>
    </message>
    <message>
        <source>step %1/%2 · %3 it/s · %4 s left</source>
        <translation>ステップ %1/%2 · %3 it/s · 残り %4 秒</translation>
    </message>
    <message>
        <source>done in %1 s (encode %2, denoise %3, decode %4)</source>
        <translation>%1 秒で完了 (エンコード %2、ノイズ除去 %3、デコード %4)</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
    <message>
        <source>Cancelled.</source>
        <translation>キャンセルしました。</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失敗</translation>
    </message>
    <message>
        <source>About SDXL Studio</source>
        <translation>SDXL Studio について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;SDXL Studio %1&lt;/h3&gt;&lt;p&gt;Stable Diffusion XL, and what each optimization costs and buys.&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;LibTorch %3&lt;br&gt;%4&lt;br&gt;%5&lt;/p&gt;</source>
        <translation>&lt;h3&gt;SDXL Studio %1&lt;/h3&gt;&lt;p&gt;Stable Diffusion XL と、各最適化の代償と効果。&lt;/p&gt;&lt;p&gt;Qt %2&lt;br&gt;LibTorch %3&lt;br&gt;%4&lt;br&gt;%5&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s) could not be saved; they are in the gallery (Save as… writes them elsewhere).</source>
        <translation><numerusform>%n 枚の画像を保存できませんでした。画像はギャラリーにあります (「名前を付けて保存…」で別の場所に書き出せます)。</numerusform></translation>
    </message>
    <message>
        <source>Choose another output folder in the File menu.</source>
        <translation>ファイルメニューで別の出力フォルダーを選んでください。</translation>
    </message>
    <message>
        <source>Choose an SDXL checkpoint (.safetensors), a diffusers-format SDXL folder (the one with model_index.json), or the built-in benchmark model.</source>
        <translation>SDXL のチェックポイント (.safetensors)、diffusers 形式の SDXL フォルダー (model_index.json のあるフォルダー)、または内蔵のベンチマーク用モデルを選んでください。</translation>
    </message>
    <message>
        <source>LoRA</source>
        <translation>LoRA</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>first step %1 s after choosing</source>
        <translation>選択から %1 秒で最初のステップ</translation>
    </message>
    <message>
        <source>From choosing the model to its first denoising step: checking and opening it, loading its weights, encoding the prompt.</source>
        <translation>モデルを選んでから最初のノイズ除去ステップまでの時間です: 確認と読み込み、重みのロード、プロンプトのエンコード。</translation>
    </message>
    <message>
        <source>Open &amp;model file…</source>
        <translation>モデルファイルを開く(&amp;M)…</translation>
    </message>
    <message>
        <source>Open model &amp;folder…</source>
        <translation>モデルフォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <source>Open &amp;VAE for this model…</source>
        <translation>このモデルの VAE を開く(&amp;V)…</translation>
    </message>
    <message>
        <source>Model &amp;configs for this model…</source>
        <translation>このモデルの設定ファイル(&amp;C)…</translation>
    </message>
    <message>
        <source>Choose models f&amp;older…</source>
        <translation>モデルフォルダーを選ぶ(&amp;O)…</translation>
    </message>
    <message>
        <source>Models folder</source>
        <translation>モデルフォルダー</translation>
    </message>
    <message>
        <source>loading…</source>
        <translation>読み込み中…</translation>
    </message>
    <message>
        <source>Choose an SDXL checkpoint</source>
        <translation>SDXL のチェックポイントを選ぶ</translation>
    </message>
    <message>
        <source>SDXL checkpoints (*.safetensors);;All files (*)</source>
        <translation>SDXL チェックポイント (*.safetensors);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Choose a VAE for %1</source>
        <translation>%1 の VAE を選ぶ</translation>
    </message>
    <message>
        <source>VAE (*.safetensors)</source>
        <translation>VAE (*.safetensors)</translation>
    </message>
    <message>
        <source>Configs for a checkpoint not shaped like SDXL-base (a diffusers folder's config files)</source>
        <translation>SDXL-base と形の違うチェックポイントの設定 (diffusers フォルダーの設定ファイル)</translation>
    </message>
    <message numerus="yes">
        <source>%n model(s) in %1</source>
        <translation><numerusform>%1 にモデル %n 個</numerusform></translation>
    </message>
    <message>
        <source>ready</source>
        <translation>準備完了</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>画像</translation>
    </message>
    <message numerus="yes">
        <source>Cancelled, and %n queued request(s) with it.</source>
        <translation><numerusform>キャンセルしました。待機中の %n 件も取り消しました。</numerusform></translation>
    </message>
    <message>
        <source>The prompt is empty: the image comes from the seed (and the negative prompt) alone.</source>
        <translation>プロンプトが空です: 画像はシード (とネガティブプロンプト) だけから作られます。</translation>
    </message>
    <message>
        <source>%1 could not be loaded; back to %2.</source>
        <translation>%1 を読み込めなかったため、%2 に戻しました。</translation>
    </message>
    <message>
        <source>done in %1 s</source>
        <translation>完了 %1 秒</translation>
    </message>
    <message>
        <source>A generation is running. Quit when it is done, or cancel it and quit now?</source>
        <translation>生成中です。完了してから終了しますか、それともキャンセルして今すぐ終了しますか?</translation>
    </message>
    <message numerus="yes">
        <source>A generation is running and %n more are queued. Quit when this one is done, or cancel them and quit now?</source>
        <translation><numerusform>生成中で、さらに %n 件が待機しています。この生成の完了後に終了しますか、それともすべてキャンセルして今すぐ終了しますか?</numerusform></translation>
    </message>
    <message>
        <source>Quit when done</source>
        <translation>完了後に終了</translation>
    </message>
    <message>
        <source>Cancel and quit</source>
        <translation>キャンセルして終了</translation>
    </message>
    <message>
        <source>Keep working</source>
        <translation>作業を続ける</translation>
    </message>
    <message>
        <source>quitting when done…</source>
        <translation>完了後に終了します…</translation>
    </message>
    <message>
        <source>not loaded</source>
        <translation>未読み込み</translation>
    </message>
    <message>
        <source>%1 is not loaded: Generate tries again, or choose another model</source>
        <translation>%1 は読み込まれていません: 生成で再試行するか、別のモデルを選んでください</translation>
    </message>
    <message>
        <source>%1 could not be read: %2</source>
        <translation>%1 を読めませんでした: %2</translation>
    </message>
    <message>
        <source>%1 holds no generation parameters. To start from the picture itself, drop it on the Image tab.</source>
        <translation>%1 には生成パラメーターがありません。画像そのものから始めるには、画像タブにドロップしてください。</translation>
    </message>
    <message>
        <source>The parameters of %1 cannot be used here: %2</source>
        <translation>%1 のパラメーターはここでは使えません: %2</translation>
    </message>
    <message>
        <source>it was made with the model %1</source>
        <translation>モデル %1 で作られています</translation>
    </message>
    <message>
        <source>Parameters of %1 (made by %2) restored; the seed is locked.</source>
        <translation>%1 (%2 製) のパラメーターを復元しました。シードは固定されています。</translation>
    </message>
    <message>
        <source>Parameters of %1 (made by %2) restored; the seed is locked. Left as they were: %3.</source>
        <translation>%1 (%2 製) のパラメーターを復元しました。シードは固定されています。そのままにした項目: %3。</translation>
    </message>
    <message>
        <source>The new language applies when this run ends.</source>
        <translation>新しい言語は、この実行が終わると反映されます。</translation>
    </message>
    <message>
        <source>Configurations</source>
        <translation>構成</translation>
    </message>
    <message>
        <source>X/Y/Z grid</source>
        <translation>X/Y/Z グリッド</translation>
    </message>
    <message>
        <source>A generation is running; the grid waits for it to finish.</source>
        <translation>生成中です。グリッドは生成が終わってから実行します。</translation>
    </message>
    <message>
        <source>%1: images are noise</source>
        <translation>%1: 画像はノイズになります</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::MaskPainter</name>
    <message>
        <source>Drop an image here, paste one, or send one from the gallery</source>
        <translation>ここに画像をドロップするか、貼り付けるか、ギャラリーから送ってください</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::ModelBar</name>
    <message>
        <source>The model. Type any part of a name to search the models folder.</source>
        <translation>モデルです。名前の一部を入力するとモデルフォルダーを検索します。</translation>
    </message>
    <message>
        <source>The VAE that turns latents into the image; remembered for each model.</source>
        <translation>潜在表現を画像に変える VAE です。モデルごとに記憶します。</translation>
    </message>
    <message>
        <source>Scan the models folder again</source>
        <translation>モデルフォルダーを再スキャン</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>チェックポイント</translation>
    </message>
    <message>
        <source>VAE</source>
        <translation>VAE</translation>
    </message>
    <message>
        <source>Automatic (the model's own)</source>
        <translation>自動 (モデル自身のもの)</translation>
    </message>
    <message>
        <source>SDXL base</source>
        <translation>SDXL ベース</translation>
    </message>
    <message>
        <source>SDXL refiner</source>
        <translation>SDXL リファイナー</translation>
    </message>
    <message>
        <source>SDXL inpainting</source>
        <translation>SDXL インペイント</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::OptimizationsPanel</name>
    <message>
        <source>Choose a preset…</source>
        <translation>プリセットを選ぶ…</translation>
    </message>
    <message>
        <source>Fastest</source>
        <translation>最速</translation>
    </message>
    <message>
        <source>Least VRAM</source>
        <translation>VRAM最小</translation>
    </message>
    <message>
        <source>Balanced</source>
        <translation>バランス</translation>
    </message>
    <message>
        <source>As diffusers</source>
        <translation>diffusers と同じ</translation>
    </message>
    <message>
        <source>fp16/bf16 halve the weights' memory and use tensor cores (about 9x faster than fp32 on an H100). SDXL's VAE overflows in fp16, so under fp16 it decodes in bf16 on the GPU (see Decode in fp32) and in fp32 on the CPU.</source>
        <translation>fp16/bf16 は重みのメモリを半分にし、テンソルコアを使います (H100 では fp32 の約9倍速)。SDXL の VAE は fp16 でオーバーフローするため、fp16 では GPU 上で bf16 (「fp32 でデコード」を参照)、CPU 上で fp32 でデコードします。</translation>
    </message>
    <message>
        <source>SDPA (flash / memory-efficient)</source>
        <translation>SDPA (flash / メモリ効率型)</translation>
    </message>
    <message>
        <source>Default (materialised softmax)</source>
        <translation>既定 (softmax を実体化)</translation>
    </message>
    <message>
        <source>SDPA never builds the tokens × tokens score matrix: faster and leaner. The default path is there to show what SDPA buys.</source>
        <translation>SDPA はトークン×トークンのスコア行列を作らないため、速く省メモリです。既定の方式は SDPA の効果を示すために残しています。</translation>
    </message>
    <message>
        <source>Compile (CUDA graph)</source>
        <translation>コンパイル (CUDAグラフ)</translation>
    </message>
    <message>
        <source>Captures the UNet step once as a CUDA graph and replays it (no launch overhead), with its convolutions and matrix products autotuned for the request's shapes. Costs a few seconds before the first step; helps most at small batches. Needs a GPU.</source>
        <translation>UNet の1ステップを CUDA グラフとして一度記録し、再生します (カーネル起動のオーバーヘッドがなくなります)。畳み込みと行列積はリクエストの形状に合わせて自動チューニングされます。最初のステップまで数秒かかり、小さなバッチで最も効果があります。GPUが必要です。</translation>
    </message>
    <message>
        <source>None (all on the GPU)</source>
        <translation>なし (すべてGPU上)</translation>
    </message>
    <message>
        <source>Model CPU offload</source>
        <translation>モデルCPUオフロード</translation>
    </message>
    <message>
        <source>Sequential CPU offload</source>
        <translation>逐次CPUオフロード</translation>
    </message>
    <message>
        <source>Model offload keeps each component in host memory until it runs. Sequential offload streams each layer's weights just before use, prefetched on a side stream: the least weight memory for a small slowdown. Needs a GPU.</source>
        <translation>モデルオフロードは各コンポーネントを実行時までホストメモリに置きます。逐次オフロードは各層の重みを使う直前に別ストリームで先読み転送し、わずかな低速化で重みのメモリを最小にします。GPUが必要です。</translation>
    </message>
    <message>
        <source>VAE slicing</source>
        <translation>VAEスライス</translation>
    </message>
    <message>
        <source>Decodes the images one at a time: decoding memory stops growing with the number of images, for a little time.</source>
        <translation>画像を1枚ずつデコードします。わずかな時間と引き換えに、デコードのメモリが枚数に比例して増えなくなります。</translation>
    </message>
    <message>
        <source>VAE tiling</source>
        <translation>VAEタイル</translation>
    </message>
    <message>
        <source>Decodes overlapping tiles with blended seams, for sizes whose decode would not fit.</source>
        <translation>重なり合うタイルごとにデコードし、継ぎ目を滑らかに合成します。一度にデコードできない大きさ向けです。</translation>
    </message>
    <message>
        <source>Cache prompt embeddings</source>
        <translation>プロンプト埋め込みをキャッシュ</translation>
    </message>
    <message>
        <source>Reuses the text encoders' output for a prompt seen before: no repeated encoding.</source>
        <translation>以前と同じプロンプトではテキストエンコーダの出力を再利用し、エンコードを繰り返しません。</translation>
    </message>
    <message>
        <source>Free the text encoders</source>
        <translation>テキストエンコーダを解放</translation>
    </message>
    <message>
        <source>With the cache: drops both text encoders (1.6 GB in fp16) once the embeddings exist; they come back for a new prompt.</source>
        <translation>キャッシュと併用: 埋め込みができたら両テキストエンコーダ (fp16 で 1.6 GB) を解放します。新しいプロンプトでは再び読み込みます。</translation>
    </message>
    <message>
        <source>Tiny AutoEncoder (TAESDXL)</source>
        <translation>Tiny AutoEncoder (TAESDXL)</translation>
    </message>
    <message>
        <source>A 10 MB decoder in place of the VAE: much less memory and time, somewhat less detail. Looks for MODEL/vae_tiny (diffusers format).</source>
        <translation>VAE の代わりに 10 MB のデコーダを使います。メモリと時間を大幅に減らし、細部はやや失われます。MODEL/vae_tiny (diffusers形式) を探します。</translation>
    </message>
    <message>
        <source>Pr&amp;eset</source>
        <translation>プリセット(&amp;E)</translation>
    </message>
    <message>
        <source>Precision</source>
        <translation>精度</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>アテンション</translation>
    </message>
    <message>
        <source>Offload</source>
        <translation>オフロード</translation>
    </message>
    <message>
        <source>Decode in fp32</source>
        <translation>fp32 でデコード</translation>
    </message>
    <message>
        <source>SDXL's VAE overflows in fp16, so fp16 runs decode in bf16 (same range as fp32, half the memory). This decodes in fp32 instead, as diffusers does: exact, twice the decoding memory.</source>
        <translation>SDXL の VAE は fp16 ではオーバーフローするため、fp16 の実行では bf16 (fp32 と同じ範囲、メモリは半分) でデコードします。これを選ぶと diffusers と同じく fp32 でデコードします。正確ですが、デコードのメモリは 2 倍になります。</translation>
    </message>
    <message>
        <source>Off: the switches below</source>
        <translation>オフ: 下の設定のまま</translation>
    </message>
    <message>
        <source>Auto: what the device has free</source>
        <translation>自動: デバイスの空き容量</translation>
    </message>
    <message>
        <source>%1 GiB</source>
        <translation>%1 GiB</translation>
    </message>
    <message>
        <source>&lt;p&gt;How much GPU memory a run may use. The planner picks the fastest offload, VAE slicing and tiling, and text encoder settings that fit, and holds the run to it. Whatever still runs out continues with cheaper settings instead of failing; the telemetry shows the plan and every fallback, and the image's metadata records them. Measured on an H200: the seed protocol runs in 8 GiB as fast as without a limit, and in 2 GiB at 1.2 times the time.&lt;/p&gt;</source>
        <translation>&lt;p&gt;1 回の生成が使ってよい GPU メモリの量です。収まる中で最も速いオフロード、VAE スライシングとタイル分割、テキストエンコーダの設定をプランナーが選び、実行をその量に抑えます。それでも足りなくなった処理は失敗せず、より軽い設定で続行します。プランと各フォールバックはテレメトリに表示され、画像のメタデータにも記録されます。H200 での測定: シードプロトコルは 8 GiB で制限なしと同じ速さ、2 GiB で 1.2 倍の時間で動きます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>VRAM &amp;budget</source>
        <translation>VRAM 予算(&amp;B)</translation>
    </message>
    <message>
        <source>Not available here: no CUDA GPU was found.</source>
        <translation>ここでは使えません: CUDA 対応の GPU が見つかりません。</translation>
    </message>
    <message>
        <source>FP8 products</source>
        <translation>FP8 演算</translation>
    </message>
    <message>
        <source>Off</source>
        <translation>オフ</translation>
    </message>
    <message>
        <source>every </source>
        <translation>間隔 </translation>
    </message>
    <message>
        <source> steps</source>
        <translation> ステップ</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Approximate&lt;/b&gt; (DeepCache). Every N-th step runs the whole UNet; the steps between reuse its deep features and compute only the outermost blocks, several times faster. Larger N: faster, further from the exact image. Not with sequential offload.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;近似&lt;/b&gt; (DeepCache)。N ステップごとに UNet 全体を計算し、その間のステップは深い層の特徴を再利用して最外側のブロックだけを計算します (数倍速い)。N が大きいほど速く、正確な画像から離れます。シーケンシャルオフロードとは併用できません。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Off: guided throughout</source>
        <translation>オフ: 最後までガイダンス</translation>
    </message>
    <message>
        <source>after %1% of the steps</source>
        <translation>ステップの %1% 以降</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Approximate&lt;/b&gt; (diffusers' CFG cut-off). After this share of the steps the negative prompt's pass is skipped, halving those steps' cost: late steps refine detail, where guidance matters least.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;近似&lt;/b&gt; (diffusers の CFG カットオフ)。この割合のステップ以降はネガティブプロンプト側の計算を省き、そのステップの計算量を半分にします。後半のステップは細部を整える段階で、ガイダンスの影響が最も小さい部分です。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Approximate: faster, changes the image</source>
        <translation>近似: 速くなるが画像が変わる</translation>
    </message>
    <message>
        <source>Step cache</source>
        <translation>ステップキャッシュ</translation>
    </message>
    <message>
        <source>Guidance cut-off</source>
        <translation>ガイダンスカットオフ</translation>
    </message>
    <message>
        <source>Not available here: FP8 products need an Ada or Hopper GPU.</source>
        <translation>ここでは使えません: FP8 演算には Ada または Hopper の GPU が必要です。</translation>
    </message>
    <message>
        <source>&lt;p&gt;&lt;b&gt;Approximate, and not faster yet.&lt;/b&gt; The UNet's linear layers multiply in 8-bit floating point (E4M3) on tensor cores that have it. Each product keeps about 3 bits of mantissa, so the image changes a little. Measured slower than fp16 on an H100 (1.39 s against 0.93 s for one 1024×1024 image): quantizing the activations costs more than the faster products save. Needs an Ada or Hopper GPU; not with CPU offload. Details: docs/benchmarks.md.&lt;/p&gt;</source>
        <translation>&lt;p&gt;&lt;b&gt;近似、しかもまだ速くなりません。&lt;/b&gt; UNet の線形層を、対応するテンソルコアで 8 ビット浮動小数点 (E4M3) で乗算します。各積の仮数は約 3 ビットなので、画像が少し変わります。H100 では fp16 より遅いと計測されました (1024×1024 の画像 1 枚で 1.39 秒対 0.93 秒)。活性化の量子化の手間が、速い積で得る分を上回ります。Ada か Hopper の GPU が必要で、CPU オフロードとは併用できません。詳細: docs/benchmarks.md。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::ParametersPanel</name>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Classifier-free guidance: how strongly the image follows the prompt. 1 turns it off (half the UNet work).</source>
        <translation>Classifier-free guidance: 画像がプロンプトにどれだけ従うか。1 で無効になります (UNet の計算が半分)。</translation>
    </message>
    <message>
        <source>Random</source>
        <translation>ランダム</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>固定</translation>
    </message>
    <message>
        <source>Keep this seed for the next run instead of drawing a new one</source>
        <translation>次の実行でも新しいシードを引かずにこのシードを使います</translation>
    </message>
    <message>
        <source>Si&amp;ze</source>
        <translation>サイズ(&amp;Z)</translation>
    </message>
    <message>
        <source>S&amp;teps</source>
        <translation>ステップ数(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Guidance</source>
        <translation>ガイダンス(&amp;G)</translation>
    </message>
    <message>
        <source>S&amp;eed</source>
        <translation>シード(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Images</source>
        <translation>枚数(&amp;I)</translation>
    </message>
    <message>
        <source>Sc&amp;heduler</source>
        <translation>スケジューラ(&amp;H)</translation>
    </message>
    <message>
        <source>Any whole number from 0 to 18446744073709551615: the same seed and settings give the same image</source>
        <translation>0 から 18446744073709551615 までの整数です。同じシードと設定からは同じ画像ができます</translation>
    </message>
    <message>
        <source>Per image: seed, seed + 1, …</source>
        <translation>画像ごと: シード, シード + 1, …</translation>
    </message>
    <message>
        <source>One draw for the batch (diffusers)</source>
        <translation>バッチ全体で一度に生成 (diffusers)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Per image (as A1111): image k of a batch uses seed + k, so any image can be made again alone. One draw: the whole batch comes from the seed at once, as diffusers draws it with one generator; image k then differs from the image of seed + k.&lt;/p&gt;</source>
        <translation>&lt;p&gt;画像ごと (A1111 と同じ): バッチの k 枚目はシード + k を使うので、どの画像も単独で作り直せます。一度に生成: バッチ全体をシードから一度に作ります (diffusers が 1 つのジェネレーターで作るのと同じ)。この場合 k 枚目はシード + k の画像とは異なります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>&lt;p&gt;A1111's clip skip. 1 is SDXL's own choice (both encoders' penultimate layer); 2 takes one layer earlier, and so on. Some fine-tuned models ask for 2.&lt;/p&gt;</source>
        <translation>&lt;p&gt;A1111 の Clip skip です。1 は SDXL 本来の設定 (両エンコーダーの最後から 2 番目の層)、2 はさらに 1 層前を使います。ファインチューンされたモデルには 2 を指定するものがあります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>A1111: scale, then restore the mean</source>
        <translation>A1111: 重みを掛けて平均を戻す</translation>
    </message>
    <message>
        <source>Scale only (no mean restore)</source>
        <translation>重みを掛けるだけ (平均を戻さない)</translation>
    </message>
    <message>
        <source>ComfyUI: away from the empty prompt</source>
        <translation>ComfyUI: 空のプロンプトからの差に重みを掛ける</translation>
    </message>
    <message>
        <source>&lt;p&gt;How weights such as (word:1.3) act on the text encoders' output. A1111 scales each token, then restores the chunk's mean; scale only skips the restore; ComfyUI moves each token away from the empty prompt's output by the weight. The same prompt gives other images in each.&lt;/p&gt;</source>
        <translation>&lt;p&gt;(word:1.3) のような重みがテキストエンコーダーの出力にどう効くかです。A1111 は各トークンに重みを掛けてからチャンクの平均を戻します。「掛けるだけ」は平均を戻しません。ComfyUI は空のプロンプトの出力からの差に重みを掛けます。同じプロンプトでも方式ごとに画像が変わります。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Seeds</source>
        <translation>シード</translation>
    </message>
    <message>
        <source>Clip skip</source>
        <translation>Clip skip</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Hires fix</source>
        <translation>高解像度補助 (Hires fix)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Draw at the size above, enlarge the result by the scale, then redo part of it at the larger size (A1111's hires fix): more detail than drawing large at once, which SDXL was not trained for.&lt;/p&gt;</source>
        <translation>&lt;p&gt;上のサイズで描いてから結果を倍率どおりに拡大し、大きいサイズで一部を描き直します (A1111 の Hires fix)。SDXL が学習していない大きさで一度に描くより細部が出ます。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>How much of the enlarged image the second pass redoes</source>
        <translation>2 回目のパスで拡大した画像をどれだけ描き直すか</translation>
    </message>
    <message>
        <source>same steps</source>
        <translation>同じステップ数</translation>
    </message>
    <message>
        <source>The second pass's steps; of these it runs the strength's share</source>
        <translation>2 回目のパスのステップ数です。このうち強さの割合だけを実行します</translation>
    </message>
    <message>
        <source>Latent: the latents enlarged (fast). Lanczos: the decoded image enlarged and encoded again.</source>
        <translation>Latent: 潜在表現を拡大します (速い)。Lanczos: デコードした画像を拡大してエンコードし直します。</translation>
    </message>
    <message>
        <source>Refiner</source>
        <translation>リファイナー</translation>
    </message>
    <message>
        <source>&lt;p&gt;Hand the last part of the steps to an SDXL refiner (diffusers' ensemble of expert denoisers, A1111's refiner). Refiners are found in the models folder.&lt;/p&gt;</source>
        <translation>&lt;p&gt;ステップの最後の部分を SDXL のリファイナーに任せます (diffusers の ensemble of expert denoisers、A1111 のリファイナー)。リファイナーはモデルフォルダから探します。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Switch at: the share of the steps the model runs before the refiner takes over</source>
        <translation>切り替え点: リファイナーに代わるまでにモデルが行うステップの割合</translation>
    </message>
    <message>
        <source>no refiner in the models folder</source>
        <translation>モデルフォルダにリファイナーがありません</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::PromptPanel</name>
    <message>
        <source>Describe the image</source>
        <translation>画像を説明してください</translation>
    </message>
    <message>
        <source>What the image should not contain (empty: none)</source>
        <translation>画像に含めたくないもの (空欄: なし)</translation>
    </message>
    <message>
        <source>&amp;Prompt</source>
        <translation>プロンプト(&amp;P)</translation>
    </message>
    <message>
        <source>&amp;Negative prompt</source>
        <translation>ネガティブプロンプト(&amp;N)</translation>
    </message>
    <message>
        <source>tokens: (choose a model to count them)</source>
        <translation>トークン数: (モデルを選ぶと数えます)</translation>
    </message>
    <message>
        <source>&lt;p&gt;Left empty, the negative side is zero conditioning, as diffusers makes it for SDXL base. A1111 and ComfyUI encode the empty text instead: tick the box below to do as they do (the images differ).&lt;/p&gt;</source>
        <translation>&lt;p&gt;空のままにすると、ネガティブ側は diffusers が SDXL base で行うようにゼロの条件付けになります。A1111 や ComfyUI は空のテキストをエンコードします。同じようにするには下のチェックボックスをオンにしてください (画像は変わります)。&lt;/p&gt;</translation>
    </message>
    <message>
        <source>Encode an empty negative prompt (as A1111, ComfyUI)</source>
        <translation>空のネガティブプロンプトをエンコードする (A1111、ComfyUI と同じ)</translation>
    </message>
    <message numerus="yes">
        <source>tokens: CLIP ViT-L %1 · OpenCLIP bigG %2 · %n chunk(s) of 75</source>
        <translation><numerusform>トークン数: CLIP ViT-L %1 · OpenCLIP bigG %2 · 75 トークンのチャンク %n 個</numerusform></translation>
    </message>
    <message>
        <source>Prompts of any length are encoded in chunks of 75 tokens; BREAK starts a new chunk, and a chunk that fills up just after a comma moves what follows the comma to the next.</source>
        <translation>どんな長さのプロンプトも 75 トークンずつのチャンクに分けてエンコードします。BREAK で新しいチャンクが始まり、カンマの直後でチャンクが埋まったときはカンマ以降を次のチャンクに移します。</translation>
    </message>
    <message>
        <source>weight %1</source>
        <translation>重み %1</translation>
    </message>
    <message>
        <source>%1 "%2", weight %3: taken out of the text the encoders see</source>
        <translation>%1 「%2」、重み %3: エンコーダーに渡すテキストからは取り除きます</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::QueuePanel</name>
    <message>
        <source>(empty prompt)</source>
        <translation>(空のプロンプト)</translation>
    </message>
    <message>
        <source>%1. %2 · %3×%4 · %5 steps · seed %6</source>
        <translation>%1. %2 · %3×%4 · %5 ステップ · シード %6</translation>
    </message>
    <message>
        <source>Run earlier</source>
        <translation>先に実行</translation>
    </message>
    <message>
        <source>Run later</source>
        <translation>後で実行</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>削除</translation>
    </message>
    <message>
        <source>Take this request out of the queue</source>
        <translation>このリクエストを待ち行列から外す</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>待機中</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::SourceImagePanel</name>
    <message>
        <source>%1 could not be read as an image: %2</source>
        <translation>%1 を画像として読み込めませんでした: %2</translation>
    </message>
    <message>
        <source>Open image…</source>
        <translation>画像を開く…</translation>
    </message>
    <message>
        <source>Paste</source>
        <translation>貼り付け</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>クリア</translation>
    </message>
    <message>
        <source>Use its size</source>
        <translation>画像のサイズにする</translation>
    </message>
    <message>
        <source>Set the width and height to the image's, cut down to multiples of 8.</source>
        <translation>幅と高さを画像と同じにします (8 の倍数に切り詰めます)。</translation>
    </message>
    <message>
        <source> px</source>
        <translation> px</translation>
    </message>
    <message>
        <source>The brush's diameter, in the image's pixels.</source>
        <translation>ブラシの直径 (画像のピクセル単位) です。</translation>
    </message>
    <message>
        <source>Eraser</source>
        <translation>消しゴム</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Clear mask</source>
        <translation>マスクを消去</translation>
    </message>
    <message>
        <source>Invert</source>
        <translation>反転</translation>
    </message>
    <message>
        <source>Open mask…</source>
        <translation>マスクを開く…</translation>
    </message>
    <message>
        <source>Brush</source>
        <translation>ブラシ</translation>
    </message>
    <message>
        <source>Crop and resize</source>
        <translation>切り取ってリサイズ</translation>
    </message>
    <message>
        <source>Just resize</source>
        <translation>リサイズのみ</translation>
    </message>
    <message>
        <source>An image of another size than the request's: cut to its aspect ratio and scaled, or stretched.</source>
        <translation>生成サイズと違う大きさの画像の扱いです: 縦横比に合わせて切り取ってから拡大縮小するか、引き伸ばします。</translation>
    </message>
    <message>
        <source>Strength</source>
        <translation>強さ</translation>
    </message>
    <message>
        <source>Other sizes</source>
        <translation>サイズが違うとき</translation>
    </message>
    <message>
        <source>No image: the studio draws from noise (txt2img).</source>
        <translation>画像なし: ノイズから描きます (txt2img)。</translation>
    </message>
    <message>
        <source>Inpainting: the red part is repainted, the rest kept.</source>
        <translation>インペイント: 赤い部分を描き直し、残りはそのままにします。</translation>
    </message>
    <message>
        <source>img2img: the whole image is redone. Paint to inpaint a part.</source>
        <translation>img2img: 画像全体をやり直します。一部だけなら塗ってインペイントします。</translation>
    </message>
    <message>
        <source>The clipboard holds no image.</source>
        <translation>クリップボードに画像がありません。</translation>
    </message>
    <message>
        <source>Open the image first: a mask belongs to an image.</source>
        <translation>先に画像を開いてください: マスクは画像に対して使います。</translation>
    </message>
    <message>
        <source>The mask is %1x%2 but the image is %3x%4; a mask must be its image's size.</source>
        <translation>マスクは %1x%2 ですが画像は %3x%4 です。マスクは画像と同じ大きさにしてください。</translation>
    </message>
    <message>
        <source>Open an image to start from</source>
        <translation>元にする画像を開く</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.webp *.bmp)</source>
        <translation>画像 (*.png *.jpg *.jpeg *.webp *.bmp)</translation>
    </message>
    <message>
        <source>Open image</source>
        <translation>画像を開く</translation>
    </message>
    <message>
        <source>Open a mask (white is repainted)</source>
        <translation>マスクを開く (白が描き直す部分)</translation>
    </message>
    <message>
        <source>Open mask</source>
        <translation>マスクを開く</translation>
    </message>
    <message>
        <source>How much of the image to redo: the share of the steps that run, from the image noised to their level. Low values stay close to the image; 1 redoes it all.</source>
        <translation>画像をどれだけやり直すかです: 実行するステップの割合で、画像にそのステップの分だけノイズを加えてから始めます。小さいほど元の画像に近く、1 ですべてやり直します。</translation>
    </message>
    <message>
        <source>Blurs the mask before it is read (A1111's mask blur): rounds its corners and lets thin strokes merge. 0 reads it as painted.</source>
        <translation>読む前にマスクをぼかします (A1111 のマスクぼかし): 角が丸くなり、細い線がつながります。0 は塗ったとおりに読みます。</translation>
    </message>
    <message>
        <source>Mask blur</source>
        <translation>マスクぼかし</translation>
    </message>
    <message>
        <source>Resize and fill</source>
        <translation>リサイズして余白を埋める</translation>
    </message>
    <message>
        <source>Only masked</source>
        <translation>マスク部分のみ</translation>
    </message>
    <message>
        <source>Inpaint only the area around the mask, at the full size set in Parameters, and paste it back (A1111's "Only masked"): more detail for a small area. The image keeps its size.</source>
        <translation>マスクの周りだけをパラメータで設定した大きさで描き直して貼り戻します (A1111 の「Only masked」): 小さな部分がより細かくなります。画像の大きさは変わりません。</translation>
    </message>
    <message>
        <source>Pixels of the image around the mask that the area takes in</source>
        <translation>範囲に含める、マスクの周りの画像のピクセル数</translation>
    </message>
    <message>
        <source>Inpaint area</source>
        <translation>描き直す範囲</translation>
    </message>
</context>
<context>
    <name>sdxl::ui::TelemetryPanel</name>
    <message>
        <source>time (s)</source>
        <translation>時間 (秒)</translation>
    </message>
    <message>
        <source>VRAM (GB)</source>
        <translation>VRAM (GB)</translation>
    </message>
    <message>
        <source>host memory (GB)</source>
        <translation>ホストメモリ (GB)</translation>
    </message>
    <message>
        <source>allocated</source>
        <translation>確保済み</translation>
    </message>
    <message>
        <source>reserved</source>
        <translation>予約済み</translation>
    </message>
    <message>
        <source>device used</source>
        <translation>デバイス使用量</translation>
    </message>
    <message>
        <source>device total</source>
        <translation>デバイス総量</translation>
    </message>
    <message>
        <source>process resident</source>
        <translation>プロセス常駐</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>latency (ms)</source>
        <translation>所要時間 (ミリ秒)</translation>
    </message>
    <message>
        <source>step latency</source>
        <translation>ステップ所要時間</translation>
    </message>
    <message>
        <source>last run: —</source>
        <translation>前回: —</translation>
    </message>
    <message>
        <source>allocated %1 GB
reserved %2 GB
device %3 / %4 GB
peak %5 GB</source>
        <translation>確保済み %1 GB
予約済み %2 GB
デバイス %3 / %4 GB
ピーク %5 GB</translation>
    </message>
    <message>
        <source>host memory %1 GB
(no CUDA device: VRAM not measured)</source>
        <translation>ホストメモリ %1 GB
(CUDAデバイスなし: VRAMは計測しません)</translation>
    </message>
    <message>
        <source>last run: %1 s, peak %2 GB</source>
        <translation>前回: %1 秒、ピーク %2 GB</translation>
    </message>
    <message>
        <source>last run: %1 s</source>
        <translation>前回: %1 秒</translation>
    </message>
    <message>
        <source>fallback</source>
        <translation>フォールバック</translation>
    </message>
</context>
</TS>